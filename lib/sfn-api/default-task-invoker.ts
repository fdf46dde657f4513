import type { TaskInvoker, TaskOutcome, TaskRequest } from "../asl";
import { EXAMPLE_WORKFLOWS, handlerInvoker, type LocalHandler } from "../examples";

/**
 * The local SFN API's default task invoker. `.waitForTaskToken` tasks wait for SendTaskSuccess /
 * SendTaskFailure (the token is in the task's parameters, visible in GetExecutionHistory); Lambda
 * functions of the bundled example workflows run their local handlers; anything else fails with
 * a States.TaskFailed that says so.
 */
export function defaultTaskInvoker(handlers: Record<string, LocalHandler> = exampleHandlers()): TaskInvoker {
  const examples = handlerInvoker(handlers);
  return {
    invoke(request: TaskRequest): TaskOutcome | Promise<TaskOutcome> {
      if (request.pattern === "wait-for-task-token") return { pending: true };
      if (request.kind === "activity") {
        return {
          error: "States.TaskFailed",
          // the local service schedules activities for GetActivityTask before any invoker is asked
          cause: `Activities are answered by workers through the local service's GetActivityTask, not by a task invoker: ${request.resource}`,
        };
      }
      if (!hasHandler(handlers, request)) {
        return {
          error: "States.TaskFailed",
          cause:
            `The statelens local Step Functions API has no handler for '${handlerKey(request)}' (state '${request.stateName}'). ` +
            "It answers the bundled example workflows' Lambda functions and .waitForTaskToken callbacks; give createLocalSfnService a taskInvoker for other resources.",
        };
      }
      return examples.invoke(request);
    },
  };
}

function exampleHandlers(): Record<string, LocalHandler> {
  return Object.assign({}, ...EXAMPLE_WORKFLOWS.map((workflow) => workflow.handlers)) as Record<string, LocalHandler>;
}

/** The Lambda function a request calls: FunctionName for `lambda:invoke`, else the Resource. */
function handlerKey(request: TaskRequest): string {
  if (!request.resource.startsWith("arn:aws:states:::lambda:invoke")) return request.resource;
  const params = request.parameters as { FunctionName?: unknown } | null | undefined;
  return String(params?.FunctionName ?? request.resource);
}

function hasHandler(handlers: Record<string, LocalHandler>, request: TaskRequest): boolean {
  const key = handlerKey(request);
  return key in handlers || (key.split(":").pop() ?? "") in handlers;
}
