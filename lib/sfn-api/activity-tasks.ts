import type { TaskOutcome, TaskRejection, TaskRequest } from "../asl";
import { activityRegistry } from "./activity-registry";
import type { ServiceContext } from "./service-context";

/**
 * A Task state on an activity, as the execution's task invoker sees it: the activity must exist
 * when the state runs (else the execution fails with States.Runtime "The activity <arn> does not
 * exist.", which the engine prefixes with the state, as LocalStack's AWS-validated
 * test_activity_task_on_deleted recording shows: no ActivityScheduled, straight to ExecutionFailed).
 */
export function rejectMissingActivity(ctx: ServiceContext, request: TaskRequest): TaskRejection | undefined {
  if (request.kind !== "activity") return undefined;
  if (activityRegistry(ctx.store).activities.has(request.resource)) return undefined;
  return { error: "States.Runtime", cause: `The activity ${request.resource} does not exist.` };
}

/**
 * Schedules the activity task for GetActivityTask. The promise settles when a worker takes it:
 * `{pending: true, workerName}` (ActivityStarted), the worker then answers with SendTask* on the
 * token. `abandon` withdraws a task no worker took (the engine timed it out or stopped).
 */
export function scheduleActivityTask(
  ctx: ServiceContext,
  request: TaskRequest,
  executionArn: string,
  onTaken: () => void,
): { taken: Promise<TaskOutcome>; abandon(): void } {
  const token = request.taskToken!;
  let settle!: (outcome: TaskOutcome) => void;
  const taken = new Promise<TaskOutcome>((resolve) => (settle = resolve));
  activityRegistry(ctx.store).schedule(request.resource, {
    taskToken: token,
    input: JSON.stringify(request.parameters ?? null),
    executionArn,
    take(workerName) {
      settle(workerName === undefined ? { pending: true } : ({ pending: true, workerName } as TaskOutcome));
      onTaken();
    },
  });
  return {
    taken,
    abandon() {
      activityRegistry(ctx.store).withdraw(token);
      settle({ error: "States.Timeout" });
    },
  };
}
