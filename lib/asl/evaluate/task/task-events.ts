import type { Environment } from "../environment";
import { NOT_TRUNCATED } from "../payload";
import type { TaskResource } from "./task-resource";

export interface ScheduleInfo {
  parametersJson: string;
  region: string;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  credentials?: unknown;
}

/**
 * Emits a task's lifecycle events with the names and details AWS uses for its kind:
 * `LambdaFunction*` for Lambda function ARNs, `Activity*` for activities, `Task*` otherwise.
 */
export class TaskEvents {
  constructor(
    private readonly env: Environment,
    private readonly resource: TaskResource,
  ) {}

  private get prefix(): string {
    const kind = this.resource.kind;
    return kind === "lambda" ? "LambdaFunction" : kind === "activity" ? "Activity" : "Task";
  }

  private emit(suffix: string, details?: Record<string, unknown>): void {
    const type = this.prefix + suffix;
    if (details === undefined) {
      this.env.emit(type);
      return;
    }
    this.env.emit(type, type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails", details);
  }

  /** Service events carry resourceType/resource after their own fields. */
  private service(details: Record<string, unknown>): Record<string, unknown> {
    if (this.resource.kind !== "service") return details;
    details.resource = this.resource.resource;
    details.resourceType = this.resource.resourceType;
    return details;
  }

  scheduled(info: ScheduleInfo): void {
    const r = this.resource;
    const details: Record<string, unknown> = {};
    if (r.kind === "service") {
      details.parameters = info.parametersJson;
      details.region = info.region;
      details.resource = r.resource;
      details.resourceType = r.resourceType;
    } else {
      details.input = info.parametersJson;
      details.inputDetails = NOT_TRUNCATED;
      details.resource = r.arn;
    }
    if (info.timeoutSeconds !== undefined) details.timeoutInSeconds = info.timeoutSeconds;
    if (info.heartbeatSeconds !== undefined && r.kind !== "lambda") details.heartbeatInSeconds = info.heartbeatSeconds;
    if (info.credentials !== undefined) details.taskCredentials = info.credentials;
    this.emit("Scheduled", details);
  }

  started(workerName?: string): void {
    const kind = this.resource.kind;
    if (kind === "lambda") this.emit("Started");
    else if (kind === "activity") this.emit("Started", workerName === undefined ? {} : { workerName });
    else this.emit("Started", this.service({}));
  }

  submitted(outputJson: string): void {
    this.emit("Submitted", this.service({ output: outputJson, outputDetails: NOT_TRUNCATED }));
  }

  succeeded(outputJson: string): void {
    this.emit("Succeeded", this.service({ output: outputJson, outputDetails: NOT_TRUNCATED }));
  }

  failed(error: string | undefined, cause: string | undefined): void {
    this.emit("Failed", this.service(errorDetails(error, cause)));
  }

  timedOut(error: string, cause: string | undefined): void {
    this.emit("TimedOut", this.service(errorDetails(error, cause)));
  }
}

function errorDetails(error: string | undefined, cause: string | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (cause !== undefined) details.cause = cause;
  // "" is how callers say "no error name" (SendTaskFailure without one): AWS then shows none.
  if (error !== undefined && error !== "") details.error = error;
  return details;
}
