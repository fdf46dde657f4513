export type AwsErrorKind =
  | "throttle"
  | "transient"
  | "credentials"
  | "access"
  | "state-machine-missing"
  | "execution-missing"
  | "not-found"
  | "unreachable"
  | "other";

const THROTTLE = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
  "KmsThrottlingException",
  "LimitExceededException",
]);
const CREDENTIALS = new Set([
  "CredentialsProviderError",
  "ExpiredTokenException",
  "ExpiredToken",
  "RequestExpired",
  "TokenRefreshRequired",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "MissingAuthenticationToken",
]);
const ACCESS = new Set([
  "AccessDeniedException",
  "AccessDenied",
  "UnauthorizedOperation",
  "KmsAccessDeniedException",
  "UnauthorizedException",
]);
const TRANSIENT = new Set([
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "InternalServerError",
  "InternalFailure",
  "TimeoutError",
  "RequestTimeout",
  "ECONNRESET",
  "EPIPE",
]);
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

export interface ClassifiedError {
  kind: AwsErrorKind;
  code: string;
  message: string;
}

/** Sorts an SDK (or network) error into what the ingestion does next. */
export function classifyAwsError(error: unknown): ClassifiedError {
  const e = (error ?? {}) as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e.name && e.name !== "Error" ? e.name : (e.Code ?? e.code ?? "Error");
  const message = e.message ?? String(error);
  const status = e.$metadata?.httpStatusCode;
  const kind: AwsErrorKind =
    THROTTLE.has(code) || status === 429
      ? "throttle"
      : CREDENTIALS.has(code)
        ? "credentials"
        : ACCESS.has(code)
          ? "access"
          : code === "StateMachineDoesNotExist"
            ? "state-machine-missing"
            : code === "ExecutionDoesNotExist"
              ? "execution-missing"
              : code === "ResourceNotFoundException" || code === "ResourceNotFound"
                ? "not-found"
                : UNREACHABLE.has(code) || UNREACHABLE.has(e.code ?? "")
                  ? "unreachable"
                  : TRANSIENT.has(code) || (status !== undefined && status >= 500)
                    ? "transient"
                    : "other";
  return { kind, code, message };
}

/** The message a person reads in the summary: what failed, why, and what to do. */
export function describeAwsError(error: unknown, action: string, resource: string): ClassifiedError {
  const c = classifyAwsError(error);
  const detail = `${c.code}: ${c.message}`;
  const text: Record<AwsErrorKind, string> = {
    throttle: `${action} on ${resource} was still throttled after repeated retries (${detail})`,
    transient: `${action} on ${resource} failed after retries (${detail})`,
    credentials:
      `AWS credentials are missing, expired or invalid (${detail}). Refresh them (for example \`aws sso login\`) and run again; ` +
      "statelens only uses the SDK's default provider chain",
    access: `access denied: ${action} on ${resource} needs the IAM permission ${iamAction(action)} (${detail})`,
    "state-machine-missing": `state machine ${resource} no longer exists (deleted); skipped`,
    "execution-missing": `${resource}: execution not found; its history is no longer available (Step Functions keeps closed Standard executions for 90 days)`,
    "not-found": `${action}: ${resource} was not found (${detail})`,
    unreachable: `cannot reach the endpoint for ${action} (${detail})`,
    other: `${action} on ${resource} failed (${detail})`,
  };
  return { ...c, message: text[c.kind] };
}

function iamAction(action: string): string {
  const logs = ["FilterLogEvents", "DescribeLogGroups", "GetLogEvents"];
  return `${logs.includes(action) ? "logs" : "states"}:${action}`;
}
