/** A V8 CPU profile (the shape node:inspector's Profiler.stop and --cpu-prof produce). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface Hotspot {
  /** `file:function` (file relative to `root` when under it). */
  name: string;
  selfPercent: number;
}

function label(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, "");
  if (!path) return "(native)";
  const rel = path.startsWith(root) ? path.slice(root.length + 1) : path;
  return rel.replace(/^node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "node_modules/");
}

/**
 * Self time per function and per file, as percentages of all samples, largest first. Idle,
 * program and garbage-collector pseudo-frames are kept (they explain where time went too).
 */
export function profileSummary(profile: CpuProfile, root: string, top = 20): { functions: Hotspot[]; files: Hotspot[] } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  if (profile.samples?.length) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const n of profile.nodes) hits.set(n.id, n.hitCount ?? 0);
  let total = 0;
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, count] of hits) {
    const node = byNode.get(id);
    if (!node || count === 0) continue;
    total += count;
    const file = label(node.callFrame.url, root);
    const fn = node.callFrame.functionName || "(anonymous)";
    const name = node.callFrame.url ? `${file}:${fn}` : fn;
    functions.set(name, (functions.get(name) ?? 0) + count);
    files.set(node.callFrame.url ? file : fn, (files.get(node.callFrame.url ? file : fn) ?? 0) + count);
  }
  const rank = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([name, count]) => ({ name, selfPercent: Math.round((count / Math.max(total, 1)) * 1000) / 10 }));
  return { functions: rank(functions), files: rank(files) };
}
