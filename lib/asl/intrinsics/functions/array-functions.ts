import { InvalidArguments, requireArray, requireNumber, type IntrinsicImpl } from "../invalid-arguments";
import { jsonEqual } from "../support/json-equal";

const MAX_RANGE_ITEMS = 1000;

/**
 * States.Array* functions. AWS truncates fractional numeric arguments (1.6 -> 1) for
 * ArrayPartition, ArrayRange and ArrayGetItem.
 */
export const arrayFunctions: Record<string, IntrinsicImpl> = {
  "States.Array": (args) => args,

  "States.ArrayPartition": ([array, size]) => {
    const items = requireArray(array);
    const chunk = Math.trunc(requireNumber(size));
    if (chunk <= 0) throw new InvalidArguments();
    const chunks: unknown[][] = [];
    for (let i = 0; i < items.length; i += chunk) chunks.push(items.slice(i, i + chunk));
    return chunks;
  },

  "States.ArrayContains": ([array, value]) => requireArray(array).some((item) => jsonEqual(item, value)),

  "States.ArrayRange": ([first, last, step]) => {
    const start = Math.trunc(requireNumber(first));
    const end = Math.trunc(requireNumber(last));
    const increment = Math.trunc(requireNumber(step));
    if (increment === 0) throw new InvalidArguments();
    const count = Math.floor((end - start) / increment) + 1;
    if (count > MAX_RANGE_ITEMS) throw new InvalidArguments();
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * increment);
    return out;
  },

  "States.ArrayGetItem": ([array, index]) => {
    const items = requireArray(array);
    const position = Math.trunc(requireNumber(index));
    if (items.length === 0) return null;
    if (position < 0 || position >= items.length) throw new InvalidArguments();
    return items[position];
  },

  "States.ArrayLength": ([array]) => requireArray(array).length,

  "States.ArrayUnique": ([array]) => {
    const unique: unknown[] = [];
    for (const item of requireArray(array)) if (!unique.some((seen) => jsonEqual(seen, item))) unique.push(item);
    return unique;
  },
};
