export interface ExecutionArnParts {
  partition: string;
  region: string;
  accountId: string;
  stateMachineName: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  stateMachineArn: string;
}

/**
 * `arn:aws:states:us-east-1:123456789012:execution:Machine:run-1` (Standard) or
 * `...:express:Machine:run-1:<uuid>` (Express). Map Run children keep `Machine/Label` as the
 * state machine part. Returns null for anything else.
 */
export function parseExecutionArn(arn: string): ExecutionArnParts | null {
  const parts = arn.split(":");
  if (parts.length < 8 || parts[0] !== "arn" || parts[2] !== "states") return null;
  const [, partition, , region, accountId, kind, stateMachineName, name] = parts;
  if (kind !== "execution" && kind !== "express") return null;
  return {
    partition,
    region,
    accountId,
    stateMachineName,
    name,
    type: kind === "express" ? "EXPRESS" : "STANDARD",
    stateMachineArn: `arn:${partition}:states:${region}:${accountId}:stateMachine:${stateMachineName}`,
  };
}

/** The region and account of any Step Functions ARN, or nulls. */
export function arnRegionAccount(arn: string): { region: string | null; accountId: string | null } {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return { region: null, accountId: null };
  return { region: parts[3] || null, accountId: parts[4] || null };
}

const LOCAL_PREFIX = "arn:aws:states:local:000000000000";

/** A stable ARN for an execution imported from a file that carries none (same file, same ARN). */
export function localExecutionArn(stateMachineName: string, name: string): string {
  return `${LOCAL_PREFIX}:execution:${arnPart(stateMachineName)}:${arnPart(name)}`;
}

export function localStateMachineArn(stateMachineName: string): string {
  return `${LOCAL_PREFIX}:stateMachine:${arnPart(stateMachineName)}`;
}

function arnPart(value: string): string {
  return value.replace(/[:\s]+/g, "-");
}
