/** One enclosing Map or Parallel of a state (outermost first in a `StateScope`). */
export interface Container {
  state: string;
  kind: "map" | "parallel";
  /** Which branch of a Parallel the state sits in (0-based). */
  branch?: number;
}

export interface StateScope {
  type: string;
  /** The Maps and Parallels around the state, outermost first; empty at the top level. */
  containers: Container[];
}

export interface DefinitionScopes {
  startAt: string | undefined;
  states: Map<string, StateScope>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses definition text; an object is returned as it is. Throws a readable error for bad JSON. */
export function definitionObject(definition: string | object): Json {
  if (typeof definition !== "string") return definition as Json;
  try {
    const parsed: unknown = JSON.parse(definition);
    if (isObject(parsed)) return parsed;
  } catch (error) {
    throw new Error(`the definition is not valid JSON: ${(error as Error).message}`);
  }
  throw new Error("the definition is not a JSON object");
}

/**
 * Where every state of a definition sits: its type and the Map / Parallel states around it.
 * State names are unique across a whole state machine (AWS rejects duplicates), so a name alone
 * tells which branch or item processor a history event belongs to.
 */
export function definitionScopes(definition: string | object): DefinitionScopes {
  const root = definitionObject(definition);
  const states = new Map<string, StateScope>();
  const walk = (machine: unknown, containers: Container[]) => {
    if (!isObject(machine) || !isObject(machine.States)) return;
    for (const [name, raw] of Object.entries(machine.States)) {
      if (!isObject(raw)) continue;
      const type = typeof raw.Type === "string" ? raw.Type : "";
      if (!states.has(name)) states.set(name, { type, containers });
      if (type === "Parallel" && Array.isArray(raw.Branches)) {
        raw.Branches.forEach((branch, index) => walk(branch, [...containers, { state: name, kind: "parallel", branch: index }]));
      } else if (type === "Map") {
        walk(raw.ItemProcessor ?? raw.Iterator, [...containers, { state: name, kind: "map" }]);
      }
    }
  };
  walk(root, []);
  return { startAt: typeof root.StartAt === "string" ? root.StartAt : undefined, states };
}
