import { DefinitionError, StatesError } from "../../errors";
import type { TaskRequest } from "../../ports";
import { fillTemplate, readPath, evaluateField } from "../expressions";
import { finishWithResult, inputPath, jsonataField, statesBinding, template } from "../io-processing";
import { dataLimitExceeded, exceedsLimit, toJson } from "../payload";
import { explicitFailure } from "../state-failure";
import { checkServiceParameters } from "../task/check-service-parameters";
import { runTask, type TaskResult, type TaskTimeouts } from "../task/run-task";
import { TaskEvents } from "../task/task-events";
import type { TaskResource } from "../../definition/task-resource";
import { ExecutingState, type AttemptResult } from "./executing-state";
import { andThen, isPromise } from "../maybe";
import type { QueryLanguage, StateRun } from "./state";

function positiveSeconds(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new StatesError("States.Runtime", `The ${field} field must be a positive integer, but was: ${toJson(value)}`);
  }
  return value;
}

/** AWS's default task timeout when TimeoutSeconds is absent. */
const DEFAULT_TIMEOUT_SECONDS = 99_999_999;

function taskTimeouts(timeout: number | undefined, heartbeat: number | undefined): TaskTimeouts {
  return { explicitTimeout: timeout, timeoutSeconds: timeout ?? DEFAULT_TIMEOUT_SECONDS, heartbeatSeconds: heartbeat };
}

const NO_TIMEOUTS: TaskTimeouts = Object.freeze(taskTimeouts(undefined, undefined));

/** Task: calls a Lambda function, a service integration or an activity through the TaskInvoker. */
export class TaskState extends ExecutingState {
  protected override readonly abortedEvent = "TaskStateAborted";
  readonly resource: TaskResource;

  /** `resource`: the state's Resource as the definition model decoded it (undefined when it is no string). */
  constructor(name: string, raw: Record<string, unknown>, parentQL: QueryLanguage, resource: TaskResource | undefined) {
    super(name, raw, parentQL);
    if (resource === undefined) throw new DefinitionError("Resource must be a string", `States.${name}.Resource`);
    this.resource = resource;
  }

  protected attempt(run: StateRun): Promise<AttemptResult> {
    if (this.ql === "JSONata") return this.attemptJsonata(run);
    // JSONPath needs no awaits before TaskScheduled: concurrent iterations then schedule
    // their tasks in the same turn as their TaskStateEntered, as AWS's histories show.
    try {
      const token = this.token(run);
      const context = this.tokenInContext(run, token);
      const effective = inputPath(run);
      const parameters = template(run, "Parameters", effective, context);
      checkServiceParameters(this.resource, parameters, "Parameters");
      const timeouts = this.timeouts(run, effective, context) as TaskTimeouts;
      const credentials = this.credentials(run, effective, context);
      return this.call(run, token, context, parameters, timeouts, credentials);
    } catch (thrown) {
      return Promise.reject(thrown);
    }
  }

  private async attemptJsonata(run: StateRun): Promise<AttemptResult> {
    const token = this.token(run);
    const context = this.tokenInContext(run, token);
    const parameters = await jsonataField(run, "Arguments", run.input, context);
    checkServiceParameters(this.resource, parameters, "Arguments");
    let timeouts = this.timeouts(run, run.input, context);
    if (isPromise(timeouts)) timeouts = await timeouts;
    let credentials = this.credentials(run, run.input, context);
    if (isPromise(credentials)) credentials = await credentials;
    return this.call(run, token, context, parameters, timeouts, credentials);
  }

  /**
   * A fresh task token for callback (`.waitForTaskToken`) and job-run (`.sync`, `.sync:2`) tasks
   * and for activities. AWS gives `.sync` tasks a token too: its recorded history of a
   * `states:startExecution.sync` passing `"TaskToken.$": "$$.Task.Token"` to the child shows the
   * token in TaskScheduled, and the child's SendTaskSuccess on it ending the parent's task
   * (LocalStack's AWS-validated tests/aws/services/stepfunctions/v2/callback/test_callback.snapshot.json,
   * test_sync_with_task_token); the SendTaskHeartbeat API reference names "Task states using the
   * job run pattern" among the token holders. Request-response tasks have none.
   */
  private token(run: StateRun): string | undefined {
    const resource = this.resource;
    return resource.pattern !== "request-response" || resource.kind === "activity" ? run.env.runtime.newTaskToken() : undefined;
  }

  /**
   * The context object with `Task.Token` for the task's own fields (Parameters/Arguments,
   * timeouts, Credentials, ResultSelector/Output). An activity's token reaches its worker through
   * GetActivityTask, so its context keeps none (LocalStack likewise issues it only after the
   * activity's input is evaluated; no AWS recording says otherwise).
   */
  private tokenInContext(run: StateRun, token: string | undefined): Record<string, unknown> | undefined {
    return token !== undefined && this.resource.kind !== "activity" ? run.context(token) : undefined;
  }

  /** TaskScheduled, the call through the invoker, then the result (or the failure) of the attempt. */
  private call(
    run: StateRun,
    token: string | undefined,
    context: unknown,
    parameters: unknown,
    timeouts: TaskTimeouts,
    credentials: unknown,
  ): Promise<AttemptResult> {
    const env = run.env;
    const resource = this.resource;
    // Without Parameters the task gets its input, whose text the entered event already has.
    const parametersJson = env.json(parameters);
    const request: TaskRequest = {
      stateName: this.name,
      resource: resource.arn,
      kind: resource.kind,
      pattern: resource.pattern,
      parameters,
      attempt: run.retries,
      now: new Date(env.now()),
    };
    if (token !== undefined) request.taskToken = token;
    if (timeouts.explicitTimeout !== undefined) request.timeoutSeconds = timeouts.explicitTimeout;
    if (timeouts.heartbeatSeconds !== undefined) request.heartbeatSeconds = timeouts.heartbeatSeconds;
    // A call the invoker refuses fails the state before TaskScheduled (AWS-side validation).
    const rejection = env.runtime.invoker?.reject?.(request);
    if (rejection) return Promise.reject(new StatesError(rejection.error, rejection.cause));
    const events = new TaskEvents(env, resource);
    events.scheduled({
      parametersJson,
      region: resource.region ?? env.runtime.region,
      timeoutSeconds: timeouts.explicitTimeout,
      heartbeatSeconds: timeouts.heartbeatSeconds,
      credentials,
    });
    request.scheduledEventId = env.ctx.last;
    return runTask(env, events, request, timeouts).then((outcome) => this.result(run, events, context, outcome));
  }

  private result(run: StateRun, events: TaskEvents, context: unknown, outcome: TaskResult): AttemptResult | Promise<AttemptResult> {
    if ("error" in outcome) {
      const failure = explicitFailure(outcome.error, outcome.cause);
      // A timeout without a cause hands Catch an empty Cause rather than null.
      if (outcome.timedOut) failure.emptyCauseInOutput = true;
      if (outcome.heartbeat) failure.heartbeatTimeout = true;
      throw failure;
    }
    // Remembered: the state's output is often the result itself, whose text is then reused.
    const outputJson = run.env.json(outcome.output, true);
    if (exceedsLimit(outputJson)) {
      const error = dataLimitExceeded(this.resource.subject);
      events.failed(error.error, error.cause);
      throw explicitFailure(error.error, error.cause);
    }
    events.succeeded(outputJson);
    return finishWithResult(run, outcome.output, context);
  }

  /** TimeoutSeconds(Path) and HeartbeatSeconds(Path), as numbers of seconds. */
  private timeouts(run: StateRun, effective: unknown, context: unknown): TaskTimeouts | Promise<TaskTimeouts> {
    const raw = this.raw;
    if (
      raw.TimeoutSeconds === undefined &&
      raw.HeartbeatSeconds === undefined &&
      raw.TimeoutSecondsPath === undefined &&
      raw.HeartbeatSecondsPath === undefined
    ) {
      return NO_TIMEOUTS;
    }
    if (this.ql === "JSONata") {
      return Promise.all([this.jsonataSeconds(run, "TimeoutSeconds", context), this.jsonataSeconds(run, "HeartbeatSeconds", context)]).then(
        ([t, h]) => taskTimeouts(t, h),
      );
    }
    return taskTimeouts(
      this.jsonPathSeconds(run, "TimeoutSeconds", raw.TimeoutSecondsPath, effective, context),
      this.jsonPathSeconds(run, "HeartbeatSeconds", raw.HeartbeatSecondsPath, effective, context),
    );
  }

  private jsonPathSeconds(run: StateRun, field: string, path: unknown, effective: unknown, context: unknown): number | undefined {
    const raw = this.raw;
    if (raw[field] !== undefined) return raw[field] as number;
    if (typeof path !== "string") return undefined;
    return positiveSeconds(field, readPath(path, effective, run.env, context ?? run));
  }

  private async jsonataSeconds(run: StateRun, field: string, context: unknown): Promise<number | undefined> {
    const value = this.raw[field];
    if (value === undefined) return undefined;
    return positiveSeconds(field, await evaluateField(field, value, statesBinding(run, undefined, context), run.env));
  }

  /** The `taskCredentials` AWS shows for a Credentials field: `{roleArn}`. */
  private credentials(run: StateRun, effective: unknown, context: unknown): unknown {
    const credentials = this.raw.Credentials;
    if (credentials === undefined) return undefined;
    const shown = (value: unknown) => {
      const roleArn = (value as Record<string, unknown> | null)?.RoleArn;
      return roleArn === undefined ? undefined : { roleArn };
    };
    if (this.ql === "JSONata")
      return andThen(evaluateField("Credentials", credentials, statesBinding(run, undefined, context), run.env), shown);
    return shown(fillTemplate(credentials, effective, run.env, context ?? run, "Credentials"));
  }
}
