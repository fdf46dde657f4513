import { describeChoiceRule } from "./describe-choice-rule";
import { parseTaskResource, type TaskResource } from "./task-resource";

/**
 * The one model of an ASL definition: every state by path with its scope and the Map / Parallel
 * states around it, Task resources decoded, parsed once. Validation and the interpreter's program
 * (lib/asl/parse) are built over it; history grouping, root cause, waiting-on, replay, the graph,
 * the Map Run page, the inspector and the SFN API's checks read it.
 *
 * Paths name a state by where it sits, so a name repeated in two Parallel branches or Map
 * processors stays distinct:
 *   root state            "Name"
 *   in Parallel branch b  "<parallel path>[b]/Name"
 *   in a Map processor    "<map path>/Name"
 */

/** One enclosing Map or Parallel of a state (outermost first in `containers`). */
export interface Container {
  /** the container state's name and path */
  state: string;
  path: string;
  kind: "map" | "parallel";
  /** which branch of a Parallel the state sits in (0-based) */
  branch?: number;
}

export interface DefinitionState {
  path: string;
  name: string;
  /** the state's Type ("Unknown" when it has none) */
  type: string;
  /** key of the States block it lives in ("" for the top level) */
  scopeKey: string;
  /** the Maps and Parallels around it, outermost first; empty at the top level */
  containers: Container[];
  def: Record<string, unknown>;
  /** its Resource decoded, when it is a string (a Task's) */
  resource: TaskResource | undefined;
  /** the state machines written inside it, in definition order (see NestedBlock) */
  nested: NestedBlock[];
}

/**
 * A state machine written inside a state: each of `Branches`, then `ItemProcessor`, then
 * `Iterator`, whatever the state's type. Only a Parallel's branches and a Map's processor (its
 * ItemProcessor, else its Iterator) are the state's scopes in the index; the others (a Task's
 * Branches, the Iterator of a Map that has an ItemProcessor) are kept here alone, for validation
 * to report what is wrong inside them.
 */
export interface NestedBlock {
  field: "Branches" | "ItemProcessor" | "Iterator";
  /** the branch's index, for Branches */
  branch?: number;
  /** the block as written (a branch may be no object) */
  value: unknown;
  /** the block's scope, when it is an object */
  scope: DefinitionScope | undefined;
}

/** One member of a States block: its name and state, or no state when the member is not an object. */
export interface ScopeMember {
  name: string;
  state: DefinitionState | undefined;
}

export interface DefinitionScope {
  /** "" (top level), "<parallel path>[b]" or "<map path>" */
  key: string;
  kind: "root" | "branch" | "processor";
  /** path of the Parallel or Map state that owns this scope; null at the top level */
  ownerPath: string | null;
  branchIndex: number | null;
  startAt: string;
  /** state paths in definition order */
  statePaths: string[];
  /** the block as written (StartAt, States, QueryLanguage, ...) */
  block: Record<string, unknown>;
  /** every member of its States in definition order, those that are not objects included */
  members: ScopeMember[];
}

export interface DefinitionIndex {
  /** the parsed definition */
  root: Record<string, unknown>;
  /** the top level's scope (the same as scopes.get("")) */
  rootScope: DefinitionScope;
  states: Map<string, DefinitionState>;
  /** the first state of each name in definition order (names are unique within a state machine on AWS) */
  byName: Map<string, DefinitionState>;
  scopes: Map<string, DefinitionScope>;
  /** scopes owned by a Parallel (one per branch) or a Map (one), by owner path */
  childScopes: Map<string, string[]>;
}

export function statePathIn(scopeKey: string, name: string): string {
  return scopeKey === "" ? name : `${scopeKey}/${name}`;
}

export function branchScopeKey(parallelPath: string, branch: number): string {
  return `${parallelPath}[${branch}]`;
}

/** Parses (if needed) and indexes a definition; null when it is missing or not ASL-shaped. */
export function indexDefinition(definition: string | Record<string, unknown> | null | undefined): DefinitionIndex | null {
  let root: unknown = definition;
  if (typeof definition === "string") {
    try {
      root = JSON.parse(definition);
    } catch {
      return null;
    }
  }
  if (!isObject(root) || !isObject(root.States)) return null;
  return indexObject(root);
}

/**
 * Parses definition text (an object is taken as it is) and indexes it; a readable error when the
 * text is not JSON or not an object. A definition without States indexes to no states.
 */
export function requireDefinitionIndex(definition: string | object): DefinitionIndex {
  let root: unknown = definition;
  if (typeof definition === "string") {
    try {
      root = JSON.parse(definition);
    } catch (error) {
      throw new Error(`the definition is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(root)) throw new Error("the definition is not a JSON object");
  return indexObject(root);
}

/** An index already built, or a definition to index (text, object, or nothing). */
export function toDefinitionIndex(
  definition: string | Record<string, unknown> | DefinitionIndex | null | undefined,
): DefinitionIndex | null {
  return isDefinitionIndex(definition) ? definition : indexDefinition(definition);
}

export function isDefinitionIndex(value: unknown): value is DefinitionIndex {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as DefinitionIndex).scopes instanceof Map &&
    (value as DefinitionIndex).states instanceof Map
  );
}

/** The state at a graph path, or null when the path does not resolve. */
export function stateAtPath(index: DefinitionIndex | null, path: string): DefinitionState | null {
  return index?.states.get(path) ?? null;
}

/**
 * The JSON pointer of a state in the definition, as AWS's validation messages locate it:
 * `/States/P/Branches[0]/States/X`, `/States/M/ItemProcessor/States/Y` (or `/Iterator/`).
 */
export function statePointer(index: DefinitionIndex, state: DefinitionState): string {
  let pointer = "";
  for (const container of state.containers) {
    pointer += `/States/${container.state}`;
    if (container.kind === "parallel") pointer += `/Branches[${container.branch}]`;
    else pointer += isObject(index.states.get(container.path)?.def.ItemProcessor) ? "/ItemProcessor" : "/Iterator";
  }
  return `${pointer}/States/${state.name}`;
}

/** Indexes a parsed definition object, whatever is in it (a block without States has no states). */
export function indexObject(root: Record<string, unknown>): DefinitionIndex {
  const maps: IndexMaps = { states: new Map(), byName: new Map(), scopes: new Map(), childScopes: new Map() };
  const rootScope = addScope(maps, root, "", "root", null, null, [], true);
  return { root, rootScope, ...maps };
}

type IndexMaps = Pick<DefinitionIndex, "states" | "byName" | "scopes" | "childScopes">;

/**
 * Adds a block's scope and its states, and the blocks nested in them, depth first in definition
 * order. `registered` false: a block no state of the index runs (see NestedBlock), kept out of
 * the index's maps with everything inside it.
 */
function addScope(
  index: IndexMaps,
  block: Record<string, unknown>,
  key: string,
  kind: DefinitionScope["kind"],
  ownerPath: string | null,
  branchIndex: number | null,
  containers: Container[],
  registered: boolean,
): DefinitionScope {
  const states = isObject(block.States) ? block.States : {};
  const scope: DefinitionScope = {
    key,
    kind,
    ownerPath,
    branchIndex,
    startAt: typeof block.StartAt === "string" ? block.StartAt : "",
    statePaths: [],
    block,
    members: [],
  };
  if (registered) {
    index.scopes.set(key, scope);
    if (ownerPath !== null) {
      const list = index.childScopes.get(ownerPath) ?? [];
      list.push(key);
      index.childScopes.set(ownerPath, list);
    }
  }
  for (const [name, raw] of Object.entries(states)) {
    if (!isObject(raw)) {
      scope.members.push({ name, state: undefined });
      continue;
    }
    const path = statePathIn(key, name);
    const type = typeof raw.Type === "string" ? raw.Type : "Unknown";
    const resource = typeof raw.Resource === "string" ? parseTaskResource(raw.Resource) : undefined;
    const state: DefinitionState = { path, name, type, scopeKey: key, containers, def: raw, resource, nested: [] };
    scope.members.push({ name, state });
    scope.statePaths.push(path);
    if (registered) {
      index.states.set(path, state);
      if (!index.byName.has(name)) index.byName.set(name, state);
    }
    addNested(index, state, registered);
  }
  return scope;
}

/** The state machines written inside a state (see NestedBlock). */
function addNested(index: IndexMaps, state: DefinitionState, registered: boolean): void {
  const { def, path, name, containers } = state;
  if (Array.isArray(def.Branches)) {
    def.Branches.forEach((branch, b) => {
      const inner = [...containers, { state: name, path, kind: "parallel" as const, branch: b }];
      const runs = registered && state.type === "Parallel";
      const scope = isObject(branch) ? addScope(index, branch, branchScopeKey(path, b), "branch", path, b, inner, runs) : undefined;
      state.nested.push({ field: "Branches", branch: b, value: branch, scope });
    });
  }
  const processor = isObject(def.ItemProcessor) ? "ItemProcessor" : "Iterator";
  for (const field of ["ItemProcessor", "Iterator"] as const) {
    const block = def[field];
    if (!isObject(block)) continue;
    const runs = registered && state.type === "Map" && field === processor;
    const scope = addScope(index, block, path, "processor", path, null, [...containers, { state: name, path, kind: "map" }], runs);
    state.nested.push({ field, value: block, scope });
  }
}

export interface Transition {
  from: string;
  to: string;
  kind: "next" | "choice" | "default" | "catch";
  label?: string;
}

/** Transitions leaving a state (Next, Choices, Default, Catch), as state paths in its scope. */
export function transitionsOf(state: DefinitionState): Transition[] {
  const out: Transition[] = [];
  const to = (name: unknown) => (typeof name === "string" ? statePathIn(state.scopeKey, name) : null);
  const push = (target: string | null, kind: Transition["kind"], label?: string) => {
    if (target !== null) out.push({ from: state.path, to: target, kind, ...(label ? { label } : {}) });
  };
  push(to(state.def.Next), "next");
  if (Array.isArray(state.def.Choices)) {
    state.def.Choices.forEach((choice, i) => {
      if (isObject(choice)) push(to(choice.Next), "choice", describeChoiceRule(choice, i));
    });
  }
  push(to(state.def.Default), "default", "default");
  if (Array.isArray(state.def.Catch)) {
    for (const c of state.def.Catch) {
      if (!isObject(c)) continue;
      const errors = Array.isArray(c.ErrorEquals) ? c.ErrorEquals.join(", ") : "";
      push(to(c.Next), "catch", errors ? `catch ${errors}` : "catch");
    }
  }
  return out;
}

/** The state ends its scope: End true, Succeed or Fail. */
export function isTerminal(state: DefinitionState): boolean {
  return state.def.End === true || state.type === "Succeed" || state.type === "Fail";
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
