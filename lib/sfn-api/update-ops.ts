import { randomUUID } from "node:crypto";
import { ModelConstraints } from "./model-constraints";
import { checkRoleArn, optionalBoolean, type Body } from "./request-fields";
import { refuseMapStateArn } from "./qualified-arn";
import type { ServiceContext } from "./service-context";
import { SfnError, stateMachineDoesNotExist, validationError } from "./sfn-error";
import { checkDefinition, parseLogging } from "./state-machine-ops";
import type { LocalStateMachine } from "./sfn-types";
import { publishRevision } from "./version-ops";

/**
 * UpdateStateMachine: a new revision when the definition, role, logging or tracing changes
 * (executions already running keep the revision they started with, as on AWS); with `publish`
 * the current revision is published as a version (the existing one when nothing changed).
 * Only the unqualified ARN is updatable: a version or alias ARN is StateMachineDoesNotExist.
 */
export function updateStateMachine(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const arn = model.text("stateMachineArn", { required: true, min: 1, max: 256 })!;
  const definition = model.text("definition", { min: 1, max: 1_048_576, sensitive: true });
  const roleArn = model.text("roleArn", { min: 1, max: 256 });
  const versionDescription = model.text("versionDescription", { max: 256, sensitive: true });
  model.check();
  const publish = optionalBoolean(body, "publish") ?? false;
  const qualified = refuseMapStateArn(arn);
  const machine = qualified.kind === "machine" && !qualified.mapLabel ? ctx.store.stateMachines.get(arn) : undefined;
  if (!machine) throw stateMachineDoesNotExist(arn);
  const logging = body.loggingConfiguration ?? undefined;
  const tracing = parseTracing(body.tracingConfiguration);
  if (definition === undefined && roleArn === undefined && logging === undefined && tracing === undefined) {
    throw new SfnError(
      "MissingRequiredParameter",
      "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
    );
  }
  if (versionDescription !== undefined && !publish) {
    throw new SfnError("ValidationException", "Version description can only be set when publish is true");
  }
  if (roleArn !== undefined) checkRoleArn(roleArn);
  const loggingConfiguration = logging === undefined ? machine.loggingConfiguration : parseLogging(logging);
  if (definition !== undefined) checkDefinition(definition, machine.type);
  const next: LocalStateMachine = {
    ...machine,
    definition: definition ?? machine.definition,
    roleArn: roleArn ?? machine.roleArn,
    loggingConfiguration,
    tracingConfiguration: tracing ?? machine.tracingConfiguration,
  };
  const changed =
    next.definition !== machine.definition ||
    next.roleArn !== machine.roleArn ||
    JSON.stringify(next.loggingConfiguration) !== JSON.stringify(machine.loggingConfiguration) ||
    JSON.stringify(next.tracingConfiguration ?? { enabled: false }) !== JSON.stringify(machine.tracingConfiguration ?? { enabled: false });
  const updateDate = ctx.now();
  let current = machine;
  if (changed) {
    // a fresh object: executions hold the machine they started with (DescribeStateMachineForExecution)
    current = { ...next, revisionId: randomUUID(), updateDate };
    ctx.store.stateMachines.set(arn, current);
  }
  const version = publish ? publishRevision(ctx, current, versionDescription) : undefined;
  return { updateDate, revisionId: current.revisionId, ...(version ? { stateMachineVersionArn: version.arn } : {}) };
}

function parseTracing(value: unknown): { enabled: boolean } | undefined {
  if (value === undefined || value === null) return undefined;
  const enabled = (value as { enabled?: unknown }).enabled;
  if (enabled !== undefined && typeof enabled !== "boolean")
    throw validationError("tracingConfiguration.enabled", enabled, "Member must be a boolean");
  return { enabled: enabled === true };
}
