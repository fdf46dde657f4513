import { requireDefinitionIndex, type Container, type DefinitionIndex } from "../asl/definition/definition-model";

export type { Container } from "../asl/definition/definition-model";

export interface StateScope {
  type: string;
  /** The Maps and Parallels around the state, outermost first; empty at the top level. */
  containers: Container[];
}

/**
 * Where every state of a definition sits, by name: replay reads history events, which name a state
 * but not its path. State names are unique across a whole state machine (AWS rejects duplicates),
 * so a name alone tells which branch or item processor an event belongs to. A view of the one
 * definition model (lib/asl/definition).
 */
export interface DefinitionScopes {
  startAt: string | undefined;
  states: Map<string, StateScope>;
  index: DefinitionIndex;
}

/** Parses definition text; an object is returned as it is. Throws a readable error for bad JSON. */
export function definitionObject(definition: string | object): Record<string, unknown> {
  return requireDefinitionIndex(definition).root;
}

export function definitionScopes(definition: string | object): DefinitionScopes {
  const index = requireDefinitionIndex(definition);
  const states = new Map<string, StateScope>();
  for (const [name, state] of index.byName) states.set(name, { type: state.type, containers: state.containers });
  return { startAt: typeof index.root.StartAt === "string" ? index.root.StartAt : undefined, states, index };
}
