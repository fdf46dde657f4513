import type { IntegrationPattern, TaskKind } from "../ports";

/** A Task state's Resource, decoded. */
export interface TaskResource {
  arn: string;
  kind: TaskKind;
  pattern: IntegrationPattern;
  /** Service integrations: `lambda`, `sqs`, `aws-sdk:s3`, ...; undefined for Lambda ARNs and activities. */
  resourceType: string | undefined;
  /** Service integrations: the action with its pattern suffix (`invoke`, `sendMessage.waitForTaskToken`). */
  resource: string;
  /** The region named in the ARN, if any. */
  region: string | undefined;
  /** What DataLimitExceeded causes name: the function ARN, or the service (`lambda`). */
  subject: string;
}

const LAMBDA_FUNCTION = /^arn:[^:]+:lambda:([^:]*):[^:]*:function:.+/;
const ACTIVITY = /^arn:[^:]+:states:([^:]*):[^:]*:activity:.+/;
const SERVICE = /^arn:[^:]+:states:([^:]*):[^:]*:(.+)$/;

/**
 * Decodes a Task Resource ARN. Anything that is none of Lambda, activity or integration is run
 * as an opaque service resource (AWS would refuse the definition; validateDefinition reports it),
 * so recorded or mocked definitions with placeholder resources still run.
 */
export function parseTaskResource(arn: string): TaskResource {
  return (
    parseKnownResource(arn) ?? {
      arn,
      kind: "service",
      pattern: patternOf(arn),
      resourceType: undefined,
      resource: arn,
      region: undefined,
      subject: arn,
    }
  );
}

function patternOf(action: string): IntegrationPattern {
  if (action.endsWith(".waitForTaskToken")) return "wait-for-task-token";
  if (/\.sync(:\d+)?$/.test(action)) return "sync";
  return "request-response";
}

function parseKnownResource(arn: string): TaskResource | undefined {
  // A Lambda function or an activity is called by its ARN; only its region is read out of it.
  for (const [pattern, kind] of [
    [LAMBDA_FUNCTION, "lambda"],
    [ACTIVITY, "activity"],
  ] as const) {
    const own = pattern.exec(arn);
    if (own)
      return { arn, kind, pattern: "request-response", resourceType: undefined, resource: arn, region: own[1] || undefined, subject: arn };
  }
  const m = SERVICE.exec(arn);
  if (!m) return undefined;
  const rest = m[2];
  let service: string;
  let action: string;
  if (rest.startsWith("aws-sdk:")) {
    const parts = rest.split(":");
    if (parts.length < 3) return undefined;
    service = `aws-sdk:${parts[1]}`;
    action = parts.slice(2).join(":");
  } else {
    const colon = rest.indexOf(":");
    if (colon < 0) return undefined;
    service = rest.slice(0, colon);
    action = rest.slice(colon + 1);
  }
  return {
    arn,
    kind: "service",
    pattern: patternOf(action),
    resourceType: service,
    resource: action,
    region: m[1] || undefined,
    subject: service.replace(/^aws-sdk:/, ""),
  };
}
