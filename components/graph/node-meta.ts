import type { GraphNode } from "./graph-types";

/** Second line of a state box: "Task · 3 runs · 2 attempts". */
export function nodeMeta(node: GraphNode): string {
  const parts: string[] = [];
  if (node.stateType) parts.push(node.stateType);
  const map = node.mapConfig;
  if (map) {
    parts.push(map.mode === "DISTRIBUTED" ? `distributed${map.executionType ? ` (${map.executionType.toLowerCase()})` : ""}` : "inline");
    if (map.maxConcurrency !== undefined)
      parts.push(map.maxConcurrency === 0 ? "no concurrency limit" : `max ${map.maxConcurrency} at once`);
  }
  if (node.runCount > 1) parts.push(`${node.runCount} runs`);
  if (node.maxAttempts > 1) parts.push(`${node.maxAttempts} attempts`);
  return parts.join(" · ");
}
