import type { JsonPathKey } from "./json-walk";

interface Step {
  deep: boolean;
  name: string;
}

/**
 * Parses the small JSONPath subset the recordings' transformers use: `$`, then `.name` (child)
 * and `..name` (descendant at any depth) steps, e.g. `$..events..stateExitedEventDetails.output`.
 */
export function parseSimpleJsonPath(expression: string): Step[] | undefined {
  if (!expression.startsWith("$")) return undefined;
  const steps: Step[] = [];
  const pattern = /(\.\.?)([^.[\]]+)/gy;
  pattern.lastIndex = 1;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(expression))) {
    steps.push({ deep: match[1] === "..", name: match[2] });
    if (pattern.lastIndex === expression.length) return steps;
  }
  return expression.length === 1 ? steps : undefined;
}

/** True when a concrete member path (keys and array indices from the root) matches the steps. */
export function pathMatches(steps: Step[], path: JsonPathKey[], i = 0, j = 0): boolean {
  if (i === steps.length) return j === path.length;
  const step = steps[i];
  if (!step.deep) return path[j] === step.name && pathMatches(steps, path, i + 1, j + 1);
  for (let k = j; k < path.length; k++) {
    if (path[k] === step.name && pathMatches(steps, path, i + 1, k + 1)) return true;
  }
  return false;
}
