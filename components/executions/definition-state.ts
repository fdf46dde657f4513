/**
 * The definition of the state at a graph path: `Name`, `Parallel[1]/Name` (branch index),
 * `Map/Name` (the Map's ItemProcessor or Iterator). Null when the path does not resolve.
 */
export function definitionStateAt(definition: Record<string, unknown>, path: string): Record<string, unknown> | null {
  let states = definition.States as Record<string, Record<string, unknown>> | undefined;
  const parts = path.split("/");
  for (let i = 0; i < parts.length; i++) {
    const m = /^(.*?)(?:\[(\d+)\])?$/.exec(parts[i])!;
    const state = states?.[m[1]];
    if (!state) return null;
    if (i === parts.length - 1) return state;
    if (state.Type === "Parallel") {
      const branches = state.Branches as { States?: Record<string, Record<string, unknown>> }[] | undefined;
      states = branches?.[m[2] !== undefined ? Number(m[2]) : 0]?.States;
    } else if (state.Type === "Map") {
      const processor = (state.ItemProcessor ?? state.Iterator) as { States?: Record<string, Record<string, unknown>> } | undefined;
      states = processor?.States;
    } else {
      return null;
    }
  }
  return null;
}
