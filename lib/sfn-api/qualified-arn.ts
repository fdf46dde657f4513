import { parseStatesArn } from "./request-fields";
import { aliasesOf, resourcesOf, type MachineAlias, type MachineVersion } from "./resource-store";
import type { ServiceContext } from "./service-context";
import { invalidArn, SfnError, stateMachineDoesNotExist } from "./sfn-error";
import type { LocalStateMachine } from "./sfn-types";

/**
 * A `stateMachine` ARN with its qualifier: `...:stateMachine:<name>` (the machine itself),
 * `...:<name>:<n>` (version n) or `...:<name>:<alias>` (an alias name has a letter, `_`, `-` or
 * `.`, so it is never all digits). `<name>/<label>` names a Distributed Map state.
 */
export interface QualifiedArn {
  kind: "machine" | "version" | "alias";
  /** The unqualified state machine ARN. */
  machineArn: string;
  qualifier?: string;
  /** `<name>/<label>`: a Distributed Map state of the machine. */
  mapLabel?: string;
}

export function parseQualifiedArn(arn: string): QualifiedArn {
  const parsed = parseStatesArn(arn, ["stateMachine"]);
  if (parsed.parts.length > 2) throw invalidArn(`Invalid ARN: ${arn}`);
  const [name, qualifier] = parsed.parts;
  const machineArn = arn.slice(0, arn.length - (qualifier === undefined ? 0 : qualifier.length + 1));
  const slash = name.indexOf("/");
  const mapLabel = slash >= 0 ? name.slice(slash + 1) : undefined;
  if (qualifier === undefined) return { kind: "machine", machineArn, mapLabel };
  return { kind: /^\d+$/.test(qualifier) ? "version" : "alias", machineArn, qualifier, mapLabel };
}

/** What StartExecution runs: the machine as it is, a version's snapshot, or the version an alias picked. */
export interface StartTarget {
  machine: LocalStateMachine;
  version?: MachineVersion;
  alias?: MachineAlias;
}

/** Any stateMachine ARN StartExecution accepts, or StateMachineDoesNotExist naming it. */
export function resolveStartTarget(ctx: ServiceContext, arn: string, random: () => number = Math.random): StartTarget {
  const qualified = parseQualifiedArn(arn);
  if (qualified.kind === "machine") {
    const machine = qualified.mapLabel === undefined ? ctx.store.stateMachines.get(arn) : undefined;
    if (!machine) throw stateMachineDoesNotExist(arn);
    return { machine };
  }
  const resources = resourcesOf(ctx.store);
  if (qualified.kind === "version") {
    const version = resources.versions.get(arn);
    if (!version) throw stateMachineDoesNotExist(arn);
    return { machine: version.snapshot, version };
  }
  const alias = resources.aliases.get(arn);
  if (!alias) throw stateMachineDoesNotExist(arn);
  const version = resources.versions.get(pickByWeight(alias, random));
  // an alias's versions cannot be deleted while it routes to them (DeleteStateMachineVersion)
  if (!version) throw stateMachineDoesNotExist(arn);
  return { machine: version.snapshot, version, alias };
}

/** One of the alias's versions, each with the probability of its weight (percent). */
export function pickByWeight(alias: Pick<MachineAlias, "routing">, random: () => number): string {
  const roll = random() * 100;
  let sum = 0;
  for (const entry of alias.routing) {
    sum += entry.weight;
    if (roll < sum) return entry.stateMachineVersionArn;
  }
  return alias.routing.filter((e) => e.weight > 0).at(-1)?.stateMachineVersionArn ?? alias.routing[0].stateMachineVersionArn;
}

/** The aliases that route to a version (DeleteStateMachineVersion refuses those). */
export function aliasesRoutingTo(ctx: ServiceContext, versionArn: string, machineArn: string): MachineAlias[] {
  return aliasesOf(ctx.store, machineArn).filter((a) => a.routing.some((r) => r.stateMachineVersionArn === versionArn));
}

/**
 * Describe/Update/DeleteStateMachine refuse a Distributed Map state's ARN (`<machine>/<label>`)
 * with ValidationException, as the API reference says (the message is ours).
 */
export function refuseMapStateArn(arn: string): QualifiedArn {
  const qualified = parseQualifiedArn(arn);
  if (qualified.mapLabel !== undefined) {
    throw new SfnError("ValidationException", `The ARN names a Distributed Map state, not a state machine: '${arn}'`);
  }
  return qualified;
}
