import { describeChoiceRule } from "./describe-choice-rule";

/**
 * Indexes an ASL definition by state path. Paths name a state by where it sits so that names
 * repeated across Parallel branches or Map processors stay distinct:
 *   root state            "Name"
 *   in Parallel branch b  "<parallel path>[b]/Name"
 *   in a Map processor    "<map path>/Name"
 */

export interface DefinitionState {
  path: string;
  name: string;
  type: string;
  /** key of the States block it lives in ("" for the top level) */
  scopeKey: string;
  def: Record<string, unknown>;
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
}

export interface DefinitionIndex {
  states: Map<string, DefinitionState>;
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
  const index: DefinitionIndex = { states: new Map(), scopes: new Map(), childScopes: new Map() };
  addScope(index, root, "", "root", null, null);
  return index;
}

function addScope(
  index: DefinitionIndex,
  block: Record<string, unknown>,
  key: string,
  kind: DefinitionScope["kind"],
  ownerPath: string | null,
  branchIndex: number | null,
): void {
  const states = isObject(block.States) ? block.States : {};
  const scope: DefinitionScope = {
    key,
    kind,
    ownerPath,
    branchIndex,
    startAt: typeof block.StartAt === "string" ? block.StartAt : "",
    statePaths: [],
  };
  index.scopes.set(key, scope);
  if (ownerPath !== null) {
    const list = index.childScopes.get(ownerPath) ?? [];
    list.push(key);
    index.childScopes.set(ownerPath, list);
  }
  for (const [name, raw] of Object.entries(states)) {
    if (!isObject(raw)) continue;
    const path = statePathIn(key, name);
    const type = typeof raw.Type === "string" ? raw.Type : "Unknown";
    index.states.set(path, { path, name, type, scopeKey: key, def: raw });
    scope.statePaths.push(path);
    if (type === "Parallel" && Array.isArray(raw.Branches)) {
      raw.Branches.forEach((branch, b) => {
        if (isObject(branch)) addScope(index, branch, branchScopeKey(path, b), "branch", path, b);
      });
    } else if (type === "Map") {
      const processor = isObject(raw.ItemProcessor) ? raw.ItemProcessor : isObject(raw.Iterator) ? raw.Iterator : null;
      if (processor) addScope(index, processor, path, "processor", path, null);
    }
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
