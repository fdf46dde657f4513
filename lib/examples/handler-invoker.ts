import type { TaskInvoker, TaskOutcome, TaskRequest } from "../asl/ports";

/** What a local handler sees: the task's effective parameters and the attempt context. */
export interface HandlerContext {
  attempt: number;
  now: Date;
  stateName: string;
}

/** A task's effective parameters as a handler reads them: JSON, read field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers read their own workflow's payload shapes; they validate what they use
export type HandlerInput = any;

/** A local task handler: returns the result, or throws a HandlerError to fail the attempt. */
export type LocalHandler = (input: HandlerInput, context: HandlerContext) => unknown | { result: unknown; durationMs: number };

export class HandlerError extends Error {
  constructor(
    readonly error: string,
    readonly cause: string,
    readonly durationMs = 0,
  ) {
    super(`${error}: ${cause}`);
  }
}

/** A handler result that also says how long the call took on the virtual clock. */
export function timed(result: unknown, durationMs: number) {
  return { [TIMED]: true, result, durationMs };
}
const TIMED = Symbol("timed");

/**
 * Answers Task states from local handlers registered by resource ARN (Lambda function ARNs) or by
 * function name for `arn:aws:states:::lambda:invoke` (whose result is wrapped in a Lambda
 * invoke response, `{ Payload, StatusCode, ... }`, as AWS returns it).
 */
export function handlerInvoker(handlers: Record<string, LocalHandler>): TaskInvoker {
  return {
    invoke(request: TaskRequest): TaskOutcome {
      const isInvoke = request.resource.startsWith("arn:aws:states:::lambda:invoke");
      const params = request.parameters as Record<string, unknown> | undefined;
      const key = isInvoke ? String(params?.FunctionName ?? "") : request.resource;
      const handler = handlers[key] ?? handlers[key.split(":").pop() ?? ""];
      if (!handler) {
        return { error: "States.TaskFailed", cause: `no local handler is registered for ${key || request.resource}` };
      }
      const payload = isInvoke ? params?.Payload : request.parameters;
      try {
        const value = handler(payload, { attempt: request.attempt, now: request.now, stateName: request.stateName });
        const { result, durationMs } = isTimed(value) ? value : { result: value, durationMs: 120 };
        if (!isInvoke) return { output: result, durationMs };
        return {
          output: { ExecutedVersion: "$LATEST", Payload: result, SdkHttpMetadata: { HttpStatusCode: 200 }, StatusCode: 200 },
          durationMs,
        };
      } catch (err) {
        if (err instanceof HandlerError) {
          const cause = JSON.stringify({ errorMessage: err.cause, errorType: err.error });
          return { error: err.error, cause, durationMs: err.durationMs || 80 };
        }
        return { error: "Lambda.Unknown", cause: (err as Error).message, durationMs: 80 };
      }
    },
  };
}

function isTimed(value: unknown): value is { result: unknown; durationMs: number } {
  return typeof value === "object" && value !== null && TIMED in value;
}
