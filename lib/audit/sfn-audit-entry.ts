import type { AuditEntry } from "./record-audit";

/** Reads of the SFN API; every other AWSStepFunctions operation changes something and is audited. */
const READ = /^(Describe|List|Get|Validate|Test)/;

/** `StartExecution` -> `sfn.start-execution`. */
function actionOf(operation: string): string {
  return `sfn.${operation.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}`;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * The audit entry for one SFN API call (`serve`'s POST / and /api/sfn, `statelens sfn-local`), or
 * null for reads and non-SFN targets. The target is the ARN acted on (or the new state machine's
 * name); task tokens are capabilities, so only their start is kept. Inputs and outputs are not
 * recorded. Failed calls are recorded too, with the error code AWS-style clients saw.
 */
export function sfnAuditEntry(
  call: { target: string; body: string; status: number; responseBody: string },
  who: { actor: string; ip?: string | null },
): AuditEntry | null {
  const [service, operation] = call.target.split(".", 2);
  if (service !== "AWSStepFunctions" || !operation || !/^[A-Za-z]{1,64}$/.test(operation) || READ.test(operation)) return null;
  const request = parse(call.body);
  const response = parse(call.responseBody);
  const token = text(request.taskToken);
  const target =
    text(request.executionArn) ??
    text(request.stateMachineArn) ??
    text(request.resourceArn) ??
    text(request.activityArn) ??
    text(request.stateMachineAliasArn) ??
    text(request.name) ??
    (token ? `task-token:${token.slice(0, 12)}…` : null);
  const details: Record<string, unknown> = { operation, status: call.status };
  if (call.status >= 400) details.error = text(response.__type)?.split("#").pop() ?? "unknown";
  for (const key of ["stateMachineArn", "executionArn", "stateMachineVersionArn", "activityArn"]) {
    if (text(response[key]) && response[key] !== target) details[key] = response[key];
  }
  if (text(request.name) && request.name !== target) details.name = request.name;
  return { actor: who.actor, action: actionOf(operation), target, details, ip: who.ip ?? null };
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
