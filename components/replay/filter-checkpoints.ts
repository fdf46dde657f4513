import type { CheckpointOption } from "./prepare-replay-form";

/**
 * The checkpoints whose label contains every word of the query (any case, any order), in their
 * order; the picked one is always kept so the list never loses the current choice.
 */
export function filterCheckpoints(options: readonly CheckpointOption[], query: string, picked: string): CheckpointOption[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...options];
  return options.filter((o) => {
    if (o.value === picked) return true;
    const label = o.label.toLowerCase();
    return words.every((w) => label.includes(w));
  });
}
