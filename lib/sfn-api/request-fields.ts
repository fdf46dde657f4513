import { SfnError, invalidArn, validationError } from "./sfn-error";

/** A parsed awsJson request body: a JSON object. */
export type Body = Record<string, unknown>;

/** A required string member, with AWS's "Member must not be null" message when absent. */
export function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw validationError(field, null, "Member must not be null");
  if (typeof value !== "string") throw serialization(field, "a string");
  return value;
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw serialization(field, "a string");
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw serialization(field, "a boolean");
  return value;
}

/** maxResults: 0 (or absent) means the default page size; at most 1000. */
export function pageSize(body: Body, fallback = 100): number {
  const value = body.maxResults;
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value)) throw serialization("maxResults", "an integer");
  if (value < 0) throw validationError("maxResults", value, "Member must have value greater than or equal to 0");
  if (value > 1000) throw validationError("maxResults", value, "Member must have value less than or equal to 1000");
  return value === 0 ? fallback : value;
}

export function optionalEnum<T extends string>(body: Body, field: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw validationError(field, value, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

const INVALID_NAME_CHARS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

/** State machine and execution names: 1-80 characters, none of AWS's forbidden ones. */
export function checkName(name: string): void {
  if (name.length < 1 || name.length > 80 || INVALID_NAME_CHARS.test(name)) {
    throw new SfnError("InvalidName", `Invalid Name: '${name}'`);
  }
}

/** An IAM role ARN (`arn:<partition>:iam::<12-digit account>:role/<path/name>`). */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** AWS refuses anything but a role ARN: InvalidArn `Invalid Role Arn: '<value>'`. */
export function checkRoleArn(arn: string): void {
  if (!ROLE_ARN.test(arn)) throw new SfnError("InvalidArn", `Invalid Role Arn: '${arn}'`);
}

export interface ParsedArn {
  partition: string;
  region: string;
  account: string;
  /** stateMachine, execution, express, mapRun, activity ... */
  resourceType: string;
  /** Everything after the resource type, split on ':' */
  parts: string[];
}

/** A Step Functions ARN, or InvalidArn naming what is wrong with it. */
export function parseStatesArn(arn: string, allowed: readonly string[]): ParsedArn {
  const pieces = arn.split(":");
  if (pieces.length < 7 || pieces[0] !== "arn" || pieces[2] !== "states") throw invalidArn(`Invalid ARN prefix: ${arn}`);
  const [, partition, , region, account, resourceType, ...parts] = pieces;
  if (!allowed.includes(resourceType)) throw invalidArn(`Resource type not valid in this context: ${resourceType}`);
  if (parts.some((p) => p.length === 0)) throw invalidArn(`Invalid ARN: ${arn}`);
  return { partition, region, account, resourceType, parts };
}

function serialization(field: string, expected: string): SfnError {
  return new SfnError("SerializationException", `Expected ${expected} for member '${field}'`, 400, "com.amazon.coral.service");
}
