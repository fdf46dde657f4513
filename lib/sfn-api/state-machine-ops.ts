import { randomUUID } from "node:crypto";
import { DefinitionError, validateDefinition } from "../asl";
import { parseDefinition } from "../asl/parse/parse-definition";
import { decodeToken, encodeToken, isText } from "./page-token";
import { checkName, optionalEnum, optionalString, pageSize, parseStatesArn, requiredString, type Body } from "./request-fields";
import { arnPrefix, type ServiceContext } from "./service-context";
import { SfnError, stateMachineDoesNotExist } from "./sfn-error";
import type { LocalStateMachine, LoggingConfiguration, LogLevel, StateMachineType } from "./sfn-types";

export function createStateMachine(ctx: ServiceContext, body: Body) {
  const name = requiredString(body, "name");
  const definition = requiredString(body, "definition");
  const roleArn = requiredString(body, "roleArn");
  const type: StateMachineType = optionalEnum(body, "type", ["STANDARD", "EXPRESS"] as const) ?? "STANDARD";
  if (body.versionDescription !== undefined && body.publish !== true) {
    throw new SfnError("ValidationException", "Version description can only be set when publish is true");
  }
  checkName(name);
  const loggingConfiguration = parseLogging(body.loggingConfiguration);
  checkDefinition(definition, type);
  const stateMachineArn = `${arnPrefix(ctx)}:stateMachine:${name}`;
  const existing = ctx.store.stateMachines.get(stateMachineArn);
  if (existing) {
    const same = existing.definition === definition && existing.type === type && JSON.stringify(existing.loggingConfiguration) === JSON.stringify(loggingConfiguration);
    if (!same) throw new SfnError("StateMachineAlreadyExists", `State Machine Already Exists: '${stateMachineArn}'`);
    return { stateMachineArn, creationDate: existing.creationDate };
  }
  const machine: LocalStateMachine = {
    stateMachineArn,
    name,
    type,
    definition,
    roleArn,
    creationDate: ctx.now(),
    revisionId: randomUUID(),
    loggingConfiguration,
    description: optionalString(body, "description"),
  };
  ctx.store.stateMachines.set(stateMachineArn, machine);
  return { stateMachineArn, creationDate: machine.creationDate };
}

export function describeStateMachine(ctx: ServiceContext, body: Body) {
  const machine = getStateMachine(ctx, requiredString(body, "stateMachineArn"));
  return { ...stateMachineDescription(machine), status: "ACTIVE", creationDate: machine.creationDate };
}

/** The fields DescribeStateMachine and DescribeStateMachineForExecution share. */
export function stateMachineDescription(machine: LocalStateMachine) {
  return {
    stateMachineArn: machine.stateMachineArn,
    name: machine.name,
    type: machine.type,
    definition: machine.definition,
    roleArn: machine.roleArn,
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: { enabled: false },
    revisionId: machine.revisionId,
    ...(machine.description ? { description: machine.description } : {}),
  };
}

export function listStateMachines(ctx: ServiceContext, body: Body) {
  const size = pageSize(body);
  const after = decodeToken(optionalString(body, "nextToken"), "state-machines", isText);
  const all = [...ctx.store.stateMachines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rest = after === undefined ? all : all.filter((m) => m.name > after);
  const page = rest.slice(0, size);
  return {
    stateMachines: page.map((m) => ({ stateMachineArn: m.stateMachineArn, name: m.name, type: m.type, creationDate: m.creationDate })),
    ...(rest.length > size ? { nextToken: encodeToken("state-machines", page[page.length - 1].name) } : {}),
  };
}

/** Deleting is idempotent, as in AWS; executions already started keep running and stay readable. */
export function deleteStateMachine(ctx: ServiceContext, body: Body) {
  const arn = requiredString(body, "stateMachineArn");
  parseStatesArn(arn, ["stateMachine"]);
  ctx.store.stateMachines.delete(arn);
  return {};
}

export function getStateMachine(ctx: ServiceContext, arn: string): LocalStateMachine {
  parseStatesArn(arn, ["stateMachine"]);
  const machine = ctx.store.stateMachines.get(arn);
  if (!machine) throw stateMachineDoesNotExist(arn);
  return machine;
}

function invalidDefinition(problems: string[]): SfnError {
  return new SfnError("InvalidDefinition", `Invalid State Machine Definition: '${problems.join(", ")}'`);
}

/** JSON, asl-validator + semantic checks, the engine's own parse, and Express's integration limits. */
function checkDefinition(text: string, type: StateMachineType): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidDefinition([`INVALID_JSON_DESCRIPTION: ${(error as Error).message}`]);
  }
  const issues = validateDefinition(parsed);
  if (issues.length > 0) {
    throw invalidDefinition(issues.map((i) => `SCHEMA_VALIDATION_FAILED: ${i.message} at /${i.path.replace(/\./g, "/")}`));
  }
  try {
    parseDefinition(parsed as object);
  } catch (error) {
    if (error instanceof DefinitionError) throw invalidDefinition([`SCHEMA_VALIDATION_FAILED: ${error.message}`]);
    throw error;
  }
  if (type === "EXPRESS") {
    const unsupported = expressUnsupported(parsed, "");
    if (unsupported.length > 0) throw invalidDefinition(unsupported);
  }
}

/** Express workflows support neither `.sync` / `.waitForTaskToken` integrations nor activities. */
function expressUnsupported(machine: unknown, prefix: string): string[] {
  const out: string[] = [];
  const states = (machine as { States?: Record<string, Record<string, unknown>> })?.States ?? {};
  for (const [name, state] of Object.entries(states)) {
    const at = `${prefix}/States/${name}`;
    const resource = typeof state?.Resource === "string" ? state.Resource : "";
    const pattern = /\.(sync(?::\d+)?|waitForTaskToken)$/.exec(resource)?.[1];
    if (pattern) out.push(`SCHEMA_VALIDATION_FAILED: Express state machine does not support '.${pattern}' service integration at ${at}/Resource`);
    if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) out.push(`SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at ${at}/Resource`);
    (Array.isArray(state?.Branches) ? state.Branches : []).forEach((branch, i) => out.push(...expressUnsupported(branch, `${at}/Branches[${i}]`)));
    for (const key of ["ItemProcessor", "Iterator"]) if (state?.[key]) out.push(...expressUnsupported(state[key], `${at}/${key}`));
  }
  return out;
}

const LOG_LEVELS = ["ALL", "ERROR", "FATAL", "OFF"] as const;

function parseLogging(value: unknown): LoggingConfiguration {
  const raw = (value ?? {}) as { level?: unknown; includeExecutionData?: unknown; destinations?: unknown };
  const level = (raw.level ?? "OFF") as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new SfnError("InvalidLoggingConfiguration", `Invalid Logging Configuration: level must be one of ${LOG_LEVELS.join(", ")}`);
  const destinations = Array.isArray(raw.destinations) ? raw.destinations : [];
  if (destinations.length > 1 || (level !== "OFF" && destinations.length !== 1)) {
    throw new SfnError("InvalidLoggingConfiguration", "Invalid Logging Configuration: Must specify exactly one Log Destination.");
  }
  const groupArn = (destinations[0] as { cloudWatchLogsLogGroup?: { logGroupArn?: unknown } } | undefined)?.cloudWatchLogsLogGroup?.logGroupArn;
  if (destinations.length === 1 && (typeof groupArn !== "string" || !/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:.+/.test(groupArn))) {
    throw new SfnError("InvalidLoggingConfiguration", "Invalid Logging Configuration: The CloudWatch Logs Resource is not valid.");
  }
  return {
    level,
    includeExecutionData: raw.includeExecutionData === true,
    destinations: typeof groupArn === "string" ? [{ cloudWatchLogsLogGroup: { logGroupArn: groupArn } }] : [],
  };
}
