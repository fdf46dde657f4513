import { ModelConstraints } from "./model-constraints";
import { decodeToken, encodeToken, isText } from "./page-token";
import { pageSize, type Body } from "./request-fields";
import { parseQualifiedArn } from "./qualified-arn";
import { aliasesOf, resourcesOf, type MachineAlias, type RoutingEntry } from "./resource-store";
import type { ServiceContext } from "./service-context";
import { invalidArn, SfnError, stateMachineDoesNotExist, validationError } from "./sfn-error";

/** AWS's alias name pattern: letters, digits, `_`, `-`, `.`, and not all digits (those are versions). */
const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/;
const ALIAS_NAME_TEXT = "^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$";
const MAX_ALIASES = 100;

const resourceNotFound = () => new SfnError("ResourceNotFound", "Request references a resource that does not exist.");

/**
 * `routingConfiguration`: 1-2 entries, weights 0-100 summing to 100, distinct ARNs, each a
 * published version of one and the same state machine. Checks and messages in AWS's order:
 * the model (count, weights), then distinctness, the sum, and the versions themselves.
 */
function readRouting(ctx: ServiceContext, body: Body): { routing: RoutingEntry[]; machineArn: string } {
  const raw = body.routingConfiguration;
  if (raw === undefined || raw === null) throw validationError("routingConfiguration", null, "Member must not be null");
  if (!Array.isArray(raw)) {
    throw new SfnError("SerializationException", "Expected a list for member 'routingConfiguration'", 400, "com.amazon.coral.service");
  }
  const routing = raw.map((item, i) => {
    const entry = (item ?? {}) as { stateMachineVersionArn?: unknown; weight?: unknown };
    const arn = ModelConstraints.arn(entry as Body, "stateMachineVersionArn", true, 2000)!;
    const weight = entry.weight;
    const at = `routingConfiguration.${i + 1}.member.weight`;
    if (weight === undefined || weight === null) throw validationError(at, null, "Member must not be null");
    if (typeof weight !== "number" || !Number.isInteger(weight)) {
      throw new SfnError("SerializationException", "Expected an integer for member 'weight'", 400, "com.amazon.coral.service");
    }
    if (weight < 0) throw validationError(at, weight, "Member must have value greater than or equal to 0");
    if (weight > 100) throw validationError(at, weight, "Member must have value less than or equal to 100");
    return { stateMachineVersionArn: arn, weight };
  });
  if (routing.length < 1 || routing.length > 2) {
    const shown = routing.map(
      (r) => `RoutingConfigurationListItem(stateMachineVersionArn=${r.stateMachineVersionArn}, weight=${r.weight})`,
    );
    const constraint = routing.length < 1 ? "greater than or equal to 1" : "less than or equal to 2";
    throw new SfnError(
      "ValidationException",
      `1 validation error detected: Value '[${shown.join(", ")}]' at 'routingConfiguration' failed to satisfy constraint: Member must have length ${constraint}`,
    );
  }
  const arns = routing.map((r) => r.stateMachineVersionArn);
  if (new Set(arns).size < arns.length) {
    throw new SfnError(
      "ValidationException",
      `Routing configuration must contain distinct state machine version ARNs. Received: [${arns.join(", ")}]`,
    );
  }
  const weights = routing.map((r) => r.weight);
  if (weights.reduce((a, b) => a + b, 0) !== 100) {
    throw new SfnError("ValidationException", `Sum of routing configuration weights must equal 100. Received: [${weights.join(", ")}]`);
  }
  const versions = resourcesOf(ctx.store).versions;
  const notVersions = () =>
    new SfnError("ValidationException", `Routing configuration must contain state machine version ARNs. Received: [${arns.join(", ")}]`);
  const machines = new Set<string>();
  for (const arn of arns) {
    const qualified = parseQualifiedArn(arn);
    if (qualified.kind !== "version" || !versions.has(arn)) throw notVersions();
    machines.add(qualified.machineArn);
  }
  if (machines.size > 1) {
    throw new SfnError(
      "ValidationException",
      `Routing configuration must contain state machine version ARNs of the same state machine. Received: [${arns.join(", ")}]`,
    );
  }
  return { routing, machineArn: [...machines][0] };
}

function readName(body: Body): string {
  const name = ModelConstraints.arn(body, "name", true, 80)!;
  if (!ALIAS_NAME.test(name)) throw validationError("name", name, `Member must satisfy regular expression pattern: ${ALIAS_NAME_TEXT}`);
  return name;
}

function readDescription(body: Body): string | undefined {
  const model = new ModelConstraints(body);
  const description = model.text("description", { max: 256, sensitive: true });
  model.check();
  return description;
}

const sameRouting = (a: RoutingEntry[], b: RoutingEntry[]) => JSON.stringify(a) === JSON.stringify(b);

/** CreateStateMachineAlias: idempotent for the same name, description and routing; ConflictException otherwise. */
export function createStateMachineAlias(ctx: ServiceContext, body: Body) {
  const name = readName(body);
  const description = readDescription(body);
  const { routing, machineArn } = readRouting(ctx, body);
  const arn = `${machineArn}:${name}`;
  const resources = resourcesOf(ctx.store);
  const existing = resources.aliases.get(arn);
  if (existing) {
    if (existing.description === description && sameRouting(existing.routing, routing)) {
      return { stateMachineAliasArn: arn, creationDate: existing.creationDate };
    }
    throw new SfnError(
      "ConflictException",
      "Failed to create alias because an alias with the same name and a different routing configuration already exists.",
      409,
    );
  }
  if (aliasesOf(ctx.store, machineArn).length >= MAX_ALIASES) {
    throw new SfnError(
      "ServiceQuotaExceededException",
      `Maximum number of aliases (${MAX_ALIASES}) reached for state machine '${machineArn}'`,
      402,
    );
  }
  const now = ctx.now();
  const alias: MachineAlias = { arn, machineArn, name, description, routing, creationDate: now, updateDate: now };
  resources.aliases.set(arn, alias);
  return { stateMachineAliasArn: arn, creationDate: now };
}

/** An alias ARN (`<machine ARN>:<alias name>`), or InvalidArn. */
function aliasArn(body: Body): string {
  const arn = ModelConstraints.arn(body, "stateMachineAliasArn")!;
  if (parseQualifiedArn(arn).kind !== "alias") throw invalidArn(`Invalid ARN: ${arn}`);
  return arn;
}

export function describeStateMachineAlias(ctx: ServiceContext, body: Body) {
  const alias = resourcesOf(ctx.store).aliases.get(aliasArn(body));
  if (!alias) throw resourceNotFound();
  return {
    stateMachineAliasArn: alias.arn,
    name: alias.name,
    ...(alias.description !== undefined ? { description: alias.description } : {}),
    routingConfiguration: alias.routing,
    creationDate: alias.creationDate,
    updateDate: alias.updateDate,
  };
}

/** ListStateMachineAliases: the machine's aliases, oldest first, paged. */
export function listStateMachineAliases(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const arn = model.text("stateMachineArn", { required: true, min: 1, max: 256 })!;
  const token = model.text("nextToken", { min: 1, max: 1024 });
  model.check();
  const size = pageSize(body);
  const qualified = parseQualifiedArn(arn);
  if (qualified.kind !== "machine" || qualified.mapLabel !== undefined) throw invalidArn(`Invalid ARN: ${arn}`);
  if (!ctx.store.stateMachines.has(arn)) throw stateMachineDoesNotExist(arn);
  const scope = `aliases:${arn}`;
  const after = decodeToken(token, scope, isText);
  const all = aliasesOf(ctx.store, arn);
  const start = after === undefined ? 0 : all.findIndex((a) => a.arn === after) + 1;
  if (after !== undefined && start === 0) throw new SfnError("InvalidToken", "Invalid Token: 'Invalid token'");
  const rest = all.slice(start);
  const page = rest.slice(0, size);
  return {
    stateMachineAliases: page.map((a) => ({ stateMachineAliasArn: a.arn, creationDate: a.creationDate })),
    ...(rest.length > size ? { nextToken: encodeToken(scope, page[page.length - 1].arn) } : {}),
  };
}

/** UpdateStateMachineAlias: a new description and/or routing (at least one of them). */
export function updateStateMachineAlias(ctx: ServiceContext, body: Body) {
  const arn = aliasArn(body);
  const description = readDescription(body);
  const hasRouting = body.routingConfiguration !== undefined && body.routingConfiguration !== null;
  if (description === undefined && !hasRouting) {
    // UpdateStateMachineAlias's errors have no MissingRequiredParameter (UpdateStateMachine's do)
    throw new SfnError("ValidationException", "Either the description or the RoutingConfiguration must be specified");
  }
  const next = hasRouting ? readRouting(ctx, body) : undefined;
  const alias = resourcesOf(ctx.store).aliases.get(arn);
  if (!alias) throw resourceNotFound();
  if (next && next.machineArn !== alias.machineArn) {
    throw new SfnError(
      "ValidationException",
      `Routing configuration must contain state machine version ARNs of the same state machine. Received: [${next.routing.map((r) => r.stateMachineVersionArn).join(", ")}]`,
    );
  }
  if (description !== undefined) alias.description = description;
  if (next) alias.routing = next.routing;
  alias.updateDate = ctx.now();
  return { updateDate: alias.updateDate };
}

/** DeleteStateMachineAlias: idempotent; executions started through it keep running. */
export function deleteStateMachineAlias(ctx: ServiceContext, body: Body) {
  resourcesOf(ctx.store).aliases.delete(aliasArn(body));
  return {};
}
