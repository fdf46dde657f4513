import { DefinitionError, StatesError } from "../../errors";
import type { TaskRequest } from "../../ports";
import { fillTemplate, readPath, evaluateField } from "../expressions";
import { finishWithResult, inputPath, jsonataField, statesBinding, template } from "../io-processing";
import { dataLimitExceeded, exceedsLimit, toJson } from "../payload";
import { explicitFailure } from "../state-failure";
import { runTask, type TaskTimeouts } from "../task/run-task";
import { TaskEvents } from "../task/task-events";
import { parseTaskResource, type TaskResource } from "../task/task-resource";
import { ExecutingState, type AttemptResult } from "./executing-state";
import type { QueryLanguage, StateRun } from "./state";

/** AWS's default task timeout when TimeoutSeconds is absent. */
const DEFAULT_TIMEOUT_SECONDS = 99_999_999;

/** Task: calls a Lambda function, a service integration or an activity through the TaskInvoker. */
export class TaskState extends ExecutingState {
  protected override readonly abortedEvent = "TaskStateAborted";
  readonly resource: TaskResource;

  constructor(name: string, raw: Record<string, unknown>, parentQL: QueryLanguage) {
    super(name, raw, parentQL);
    const arn = raw.Resource;
    if (typeof arn !== "string") throw new DefinitionError("Resource must be a string", `States.${name}.Resource`);
    this.resource = parseTaskResource(arn);
  }

  protected async attempt(run: StateRun): Promise<AttemptResult> {
    const env = run.env;
    const resource = this.resource;
    const token = resource.pattern === "wait-for-task-token" || resource.kind === "activity" ? env.runtime.newTaskToken() : undefined;
    const context = run.context(resource.pattern === "wait-for-task-token" ? token : undefined);
    const jsonata = this.ql === "JSONata";
    const effective = jsonata ? run.input : inputPath(run);
    const parameters = jsonata ? await jsonataField(run, "Arguments", run.input, context) : template(run, "Parameters", effective, context);
    const timeouts = await this.timeouts(run, effective, context);
    const credentials = await this.credentials(run, effective, context);
    const parametersJson = toJson(parameters);
    const events = new TaskEvents(env, resource);
    events.scheduled({
      parametersJson,
      region: resource.region ?? env.runtime.region,
      timeoutSeconds: timeouts.explicitTimeout,
      heartbeatSeconds: timeouts.heartbeatSeconds,
      credentials,
    });
    const request: TaskRequest = {
      stateName: this.name,
      resource: resource.arn,
      kind: resource.kind,
      pattern: resource.pattern,
      parameters,
      attempt: run.info.RetryCount ?? 0,
      now: new Date(env.now()),
    };
    if (token !== undefined) request.taskToken = token;
    if (timeouts.explicitTimeout !== undefined) request.timeoutSeconds = timeouts.explicitTimeout;
    if (timeouts.heartbeatSeconds !== undefined) request.heartbeatSeconds = timeouts.heartbeatSeconds;
    const outcome = await runTask(env, events, request, timeouts);
    if ("error" in outcome) {
      const failure = explicitFailure(outcome.error, outcome.cause);
      // A timeout without a cause hands Catch an empty Cause rather than null.
      if (outcome.timedOut) failure.emptyCauseInOutput = true;
      throw failure;
    }
    const outputJson = toJson(outcome.output);
    if (exceedsLimit(outputJson)) {
      const error = dataLimitExceeded(resource.subject);
      events.failed(error.error, error.cause);
      throw explicitFailure(error.error, error.cause);
    }
    events.succeeded(outputJson);
    return finishWithResult(run, outcome.output, context);
  }

  /** TimeoutSeconds(Path) and HeartbeatSeconds(Path), as numbers of seconds. */
  private async timeouts(run: StateRun, effective: unknown, context: unknown): Promise<TaskTimeouts> {
    const timeout = await this.seconds(run, "TimeoutSeconds", effective, context);
    const heartbeat = await this.seconds(run, "HeartbeatSeconds", effective, context);
    return { explicitTimeout: timeout, timeoutSeconds: timeout ?? DEFAULT_TIMEOUT_SECONDS, heartbeatSeconds: heartbeat };
  }

  private async seconds(run: StateRun, field: string, effective: unknown, context: unknown): Promise<number | undefined> {
    const raw = this.raw;
    let value: unknown = raw[field];
    if (this.ql === "JSONata") {
      if (value === undefined) return undefined;
      value = await evaluateField(field, value, statesBinding(run, undefined, context), run.env);
    } else if (value === undefined) {
      const path = raw[`${field}Path`];
      if (typeof path !== "string") return undefined;
      value = readPath(path, effective, run.env, context);
    } else return value as number;
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      throw new StatesError("States.Runtime", `The ${field} field must be a positive integer, but was: ${toJson(value)}`);
    }
    return value;
  }

  /** The `taskCredentials` AWS shows for a Credentials field: `{roleArn}`. */
  private async credentials(run: StateRun, effective: unknown, context: unknown): Promise<unknown> {
    const credentials = this.raw.Credentials;
    if (credentials === undefined) return undefined;
    const value =
      this.ql === "JSONata"
        ? await evaluateField("Credentials", credentials, statesBinding(run, undefined, context), run.env)
        : fillTemplate(credentials, effective, run.env, context, "Credentials");
    const roleArn = (value as Record<string, unknown> | null)?.RoleArn;
    return roleArn === undefined ? undefined : { roleArn };
  }
}
