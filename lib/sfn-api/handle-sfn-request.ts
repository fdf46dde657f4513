import type { LocalSfnService } from "./local-sfn-service";
import { SfnError } from "./sfn-error";
import { printable } from "../text/printable";

export interface SfnHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One awsJson request to the local service: `target` is the X-Amz-Target header
 * (`AWSStepFunctions.StartExecution`, `Logs_20140328.FilterLogEvents`), `bodyText` the JSON body.
 * Successes are 200 with the output (Dates as epoch seconds, as AWS sends timestamps); errors are
 * 400 with `{"__type": "<namespace>#<Code>", "message": ...}`, which the AWS SDK turns into its
 * exception classes; anything unexpected is a 500 InternalFailure.
 */
export async function handleSfnRequest(
  service: LocalSfnService,
  target: string,
  bodyText: string,
  /** Aborted when the client disconnects (GetActivityTask's long poll then hands out no task). */
  signal?: AbortSignal,
): Promise<SfnHttpResponse> {
  const contentType = target.startsWith("Logs_") ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
  const reply = (status: number, value: unknown): SfnHttpResponse => ({
    status,
    headers: { "content-type": contentType, "x-amzn-requestid": crypto.randomUUID() },
    body: JSON.stringify(value, epochSeconds),
  });
  try {
    const body = parseBody(bodyText);
    return reply(200, (await service.call(target, body, signal)) ?? {});
  } catch (error) {
    if (error instanceof SfnError) return reply(error.status, error.toBody());
    const message = error instanceof Error ? error.message : String(error);
    return reply(500, { __type: "com.amazon.coral.service#InternalFailure", message: `statelens local API: ${printable(message)}` });
  }
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SfnError(
      "SerializationException",
      "Start of structure or map found where not expected, or the body is not JSON",
      400,
      "com.amazon.coral.service",
    );
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new SfnError("SerializationException", "The request body must be a JSON object", 400, "com.amazon.coral.service");
  }
  return value as Record<string, unknown>;
}

/** JSON.stringify replacer: Dates (seen through the holder, before toJSON) become epoch seconds. */
function epochSeconds(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}
