import type { Environment } from "../environment";
import { NOT_TRUNCATED } from "../payload";
import type { TaskResource } from "../../definition/task-resource";

type Suffix = "Scheduled" | "Started" | "Submitted" | "Succeeded" | "Failed" | "TimedOut";
const SUFFIXES: Suffix[] = ["Scheduled", "Started", "Submitted", "Succeeded", "Failed", "TimedOut"];
const PREFIXES = { lambda: "LambdaFunction", activity: "Activity", service: "Task" } as const;

/** Event types and their details keys (`LambdaFunctionScheduled` / `lambdaFunctionScheduledEventDetails`), built once. */
const EVENT_NAMES = Object.fromEntries(
  Object.entries(PREFIXES).map(([kind, prefix]) => [
    kind,
    Object.fromEntries(
      SUFFIXES.map((suffix) => {
        const type = prefix + suffix;
        return [suffix, { type, detailsKey: `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails` }];
      }),
    ),
  ]),
) as Record<keyof typeof PREFIXES, Record<Suffix, { type: string; detailsKey: string }>>;

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

  private emit(suffix: Suffix, details?: Record<string, unknown>): void {
    const { type, detailsKey } = EVENT_NAMES[this.resource.kind][suffix];
    if (details === undefined) this.env.emit(type);
    else this.env.emit(type, detailsKey, details);
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
