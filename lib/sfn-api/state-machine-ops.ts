import { randomUUID } from "node:crypto";
import { definitionDiagnostics, invalidDefinitionMessage } from "./definition-diagnostics";
import { decodeToken, encodeToken, isText } from "./page-token";
import { ModelConstraints } from "./model-constraints";
import { checkName, checkRoleArn, optionalEnum, optionalString, pageSize, parseStatesArn, type Body } from "./request-fields";
import { arnPrefix, type ServiceContext } from "./service-context";
import { SfnError, stateMachineDoesNotExist, validationError } from "./sfn-error";
import type { LocalStateMachine, LoggingConfiguration, LogLevel, StateMachineType } from "./sfn-types";

export function createStateMachine(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const name = model.text("name", { required: true, min: 1, max: 80 })!;
  const definition = model.text("definition", { required: true, min: 1, max: 1_048_576, sensitive: true })!;
  const roleArn = model.text("roleArn", { required: true, min: 1, max: 256 })!;
  model.text("description", { max: 256, sensitive: true });
  model.check();
  const type: StateMachineType = optionalEnum(body, "type", ["STANDARD", "EXPRESS"] as const) ?? "STANDARD";
  if (body.versionDescription !== undefined && body.publish !== true) {
    throw new SfnError("ValidationException", "Version description can only be set when publish is true");
  }
  checkName(name);
  checkRoleArn(roleArn);
  const loggingConfiguration = parseLogging(body.loggingConfiguration);
  checkDefinition(definition, type);
  const stateMachineArn = `${arnPrefix(ctx)}:stateMachine:${name}`;
  const existing = ctx.store.stateMachines.get(stateMachineArn);
  if (existing) {
    const same =
      existing.definition === definition &&
      existing.type === type &&
      JSON.stringify(existing.loggingConfiguration) === JSON.stringify(loggingConfiguration);
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
  const machine = getStateMachine(ctx, ModelConstraints.arn(body, "stateMachineArn")!);
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
    tracingConfiguration: machine.tracingConfiguration ?? { enabled: false },
    revisionId: machine.revisionId,
    ...(machine.description ? { description: machine.description } : {}),
  };
}

export function listStateMachines(ctx: ServiceContext, body: Body) {
  const size = pageSize(body);
  const after = decodeToken(ModelConstraints.arn(body, "nextToken", false, 1024), "state-machines", isText);
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
  const arn = ModelConstraints.arn(body, "stateMachineArn")!;
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

/** InvalidDefinition naming every problem of the definition, and only those (see definition-diagnostics). */
export function checkDefinition(text: string, type: StateMachineType): void {
  const diagnostics = definitionDiagnostics(text, type);
  if (diagnostics.length > 0) throw new SfnError("InvalidDefinition", invalidDefinitionMessage(diagnostics));
}

/**
 * ValidateStateMachineDefinition: the same checks as CreateStateMachine, answered as `result`
 * OK/FAIL with `diagnostics` (severity, code, message, location) and `truncated` past maxResults
 * (default 100, at most 100). The local validator has no WARNING findings, so `severity` only
 * passes its enum check.
 */
export function validateStateMachineDefinition(_ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const definition = model.text("definition", { required: true, min: 1, max: 1_048_576, sensitive: true })!;
  model.check();
  const type: StateMachineType = optionalEnum(body, "type", ["STANDARD", "EXPRESS"] as const) ?? "STANDARD";
  optionalEnum(body, "severity", ["ERROR", "WARNING"] as const);
  const max = body.maxResults === undefined || body.maxResults === null ? 100 : pageSize(body, 100);
  if (max > 100) throw validationError("maxResults", max, "Member must have value less than or equal to 100");
  const diagnostics = definitionDiagnostics(definition, type);
  return {
    result: diagnostics.some((d) => d.severity === "ERROR") ? "FAIL" : "OK",
    diagnostics: diagnostics.slice(0, max),
    truncated: diagnostics.length > max,
  };
}

const LOG_LEVELS = ["ALL", "ERROR", "FATAL", "OFF"] as const;

export function parseLogging(value: unknown): LoggingConfiguration {
  const raw = (value ?? {}) as { level?: unknown; includeExecutionData?: unknown; destinations?: unknown };
  const level = (raw.level ?? "OFF") as LogLevel;
  if (!LOG_LEVELS.includes(level))
    throw new SfnError("InvalidLoggingConfiguration", `Invalid Logging Configuration: level must be one of ${LOG_LEVELS.join(", ")}`);
  const destinations = Array.isArray(raw.destinations) ? raw.destinations : [];
  if (destinations.length > 1 || (level !== "OFF" && destinations.length !== 1)) {
    throw new SfnError("InvalidLoggingConfiguration", "Invalid Logging Configuration: Must specify exactly one Log Destination.");
  }
  const groupArn = (destinations[0] as { cloudWatchLogsLogGroup?: { logGroupArn?: unknown } } | undefined)?.cloudWatchLogsLogGroup
    ?.logGroupArn;
  if (destinations.length === 1 && (typeof groupArn !== "string" || !/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:.+/.test(groupArn))) {
    throw new SfnError("InvalidLoggingConfiguration", "Invalid Logging Configuration: The CloudWatch Logs Resource is not valid.");
  }
  return {
    level,
    includeExecutionData: raw.includeExecutionData === true,
    destinations: typeof groupArn === "string" ? [{ cloudWatchLogsLogGroup: { logGroupArn: groupArn } }] : [],
  };
}
