import type { LocalStateMachine, SfnStore } from "./sfn-types";

/** A published version: an immutable snapshot of one revision of a state machine. */
export interface MachineVersion {
  /** `<state machine ARN>:<n>` */
  arn: string;
  machineArn: string;
  number: number;
  /** The revision as published (its stateMachineArn stays the unqualified ARN: executions name the machine). */
  snapshot: LocalStateMachine;
  description?: string;
  creationDate: Date;
}

export interface RoutingEntry {
  stateMachineVersionArn: string;
  weight: number;
}

export interface MachineAlias {
  /** `<state machine ARN>:<alias name>` */
  arn: string;
  machineArn: string;
  name: string;
  description?: string;
  routing: RoutingEntry[];
  creationDate: Date;
  updateDate: Date;
}

/**
 * What the local service keeps beside SfnStore's state machines and executions: versions,
 * aliases and tags. Kept apart from SfnStore (one per store object) so the store's shape, which
 * other parts of the service share, does not change.
 */
export interface ResourceStore {
  /** version ARN -> version */
  versions: Map<string, MachineVersion>;
  /** state machine ARN -> the last version number handed out (numbers are never reused). */
  versionCounters: Map<string, number>;
  /** alias ARN -> alias */
  aliases: Map<string, MachineAlias>;
  /** resource ARN (state machine, activity) -> tag key -> value, in insertion order. */
  tags: Map<string, Map<string, string>>;
}

const stores = new WeakMap<SfnStore, ResourceStore>();

export function resourcesOf(store: SfnStore): ResourceStore {
  let resources = stores.get(store);
  if (!resources) {
    resources = { versions: new Map(), versionCounters: new Map(), aliases: new Map(), tags: new Map() };
    stores.set(store, resources);
  }
  return resources;
}

/** The versions of one state machine, newest (highest number) first. */
export function versionsOf(store: SfnStore, machineArn: string): MachineVersion[] {
  return [...resourcesOf(store).versions.values()].filter((v) => v.machineArn === machineArn).sort((a, b) => b.number - a.number);
}

/** The aliases of one state machine, oldest first. */
export function aliasesOf(store: SfnStore, machineArn: string): MachineAlias[] {
  return [...resourcesOf(store).aliases.values()].filter((a) => a.machineArn === machineArn);
}

/** Forgets a deleted state machine's versions, aliases and tags (AWS deletes them with it). */
export function forgetStateMachine(store: SfnStore, machineArn: string): void {
  const resources = resourcesOf(store);
  for (const version of versionsOf(store, machineArn)) resources.versions.delete(version.arn);
  for (const alias of aliasesOf(store, machineArn)) resources.aliases.delete(alias.arn);
  resources.versionCounters.delete(machineArn);
  resources.tags.delete(machineArn);
}
