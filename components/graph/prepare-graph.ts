import type { MapConfig } from "./graph-types";
import type { EventDto } from "../../lib/model/execution";
import { prepareStateRuns } from "../events/prepare-state-runs";
import type { PreparedRuns, RunStatus, StateRun } from "../../lib/history/state-run-types";
import { indexDefinition, isTerminal, transitionsOf, type DefinitionIndex } from "../../lib/asl/definition/definition-model";
import { deriveRootCause, type RootCause } from "../../lib/history/root-cause";
import type { GraphEdge, GraphNode, NodeStatus, PreparedGraph } from "./graph-types";

export const START_ID = "__start__";
export const END_ID = "__end__";

/**
 * Turns a definition and its execution history into graph nodes and edges: one node per state
 * (keyed by path), Parallel branches and Map processors as nested groups, every node with the
 * status of its runs, and the transitions the execution actually took marked `taken`.
 * Without a definition, the graph is rebuilt from the states the history visited.
 */
export function prepareGraph(
  definition: string | Record<string, unknown> | null,
  events: readonly EventDto[],
  prepared?: PreparedRuns,
): PreparedGraph {
  const index = indexDefinition(definition);
  const runs = prepared ?? prepareStateRuns(events, index);
  const byPath = groupRuns(runs.runs);
  const graph = index ? fromDefinition(index, byPath) : fromRuns(runs.runs, byPath);
  markTaken(graph, runs, index);
  const rootCause = deriveRootCause(runs, index);
  if (rootCause) markFailureChain(graph.nodes, rootCause);
  return { ...graph, initialSelection: rootCause?.path || pickInitial(runs.runs) };
}

function groupRuns(runs: StateRun[]): Map<string, StateRun[]> {
  const byPath = new Map<string, StateRun[]>();
  for (const run of runs) {
    const list = byPath.get(run.statePath) ?? [];
    list.push(run);
    byPath.set(run.statePath, list);
  }
  return byPath;
}

function stateNode(id: string, name: string, type: string, parentId: string | null, runs: StateRun[]): GraphNode {
  const counts: Partial<Record<RunStatus, number>> = {};
  let maxAttempts = runs.length ? 1 : 0;
  for (const run of runs) {
    counts[run.status] = (counts[run.status] ?? 0) + 1;
    maxAttempts = Math.max(maxAttempts, run.attempts.length);
  }
  const kind = type === "Parallel" ? "parallel" : type === "Map" ? "map" : "state";
  return {
    id,
    kind,
    label: name,
    stateName: name,
    stateType: type,
    parentId,
    status: aggregateStatus(counts, maxAttempts),
    runCount: runs.length,
    maxAttempts,
    counts,
    runKeys: runs.map((r) => r.key),
    taken: runs.length > 0,
  };
}

/**
 * How a Map runs, as the console shows it: its processor mode and concurrency (0 or absent:
 * unlimited for inline Maps, 1,000 child executions at once for distributed ones), where its
 * items come from, and the failures it tolerates.
 */
export function mapConfigOf(def: Record<string, unknown>): MapConfig {
  const processor = (def.ItemProcessor ?? def.Iterator) as { ProcessorConfig?: { Mode?: unknown; ExecutionType?: unknown } } | undefined;
  const mode = processor?.ProcessorConfig?.Mode === "DISTRIBUTED" ? "DISTRIBUTED" : "INLINE";
  const config: MapConfig = { mode };
  const limit = def.MaxConcurrency ?? def.MaxConcurrencyPath;
  if (typeof limit === "number" || typeof limit === "string") config.maxConcurrency = limit;
  if (typeof processor?.ProcessorConfig?.ExecutionType === "string") config.executionType = processor.ProcessorConfig.ExecutionType;
  const reader = def.ItemReader as { Resource?: unknown } | undefined;
  if (typeof reader?.Resource === "string") config.itemReader = reader.Resource.replace(/^arn:aws[\w-]*:states:::/, "");
  const tolerated = def.ToleratedFailurePercentage ?? def.ToleratedFailureCount;
  if (tolerated !== undefined) config.toleratedFailure = `${String(tolerated)}${def.ToleratedFailurePercentage !== undefined ? " %" : ""}`;
  return config;
}

/** failed > in progress > aborted > caught > retried > succeeded > not reached */
export function aggregateStatus(counts: Partial<Record<RunStatus, number>>, maxAttempts: number): NodeStatus {
  if (counts.failed) return "failed";
  if (counts["in-progress"]) return "in-progress";
  if (counts.aborted) return "aborted";
  if (counts.caught) return "caught";
  if (counts.succeeded) return maxAttempts > 1 ? "retried" : "succeeded";
  return "not-reached";
}

function fromDefinition(index: DefinitionIndex, byPath: Map<string, StateRun[]>) {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const addScope = (scopeKey: string, parentId: string | null) => {
    const scope = index.scopes.get(scopeKey)!;
    for (const path of scope.statePaths) {
      const state = index.states.get(path)!;
      const node = stateNode(path, state.name, state.type, parentId, byPath.get(path) ?? []);
      if (state.type === "Map") node.mapConfig = mapConfigOf(state.def);
      nodes.push(node);
      for (const t of transitionsOf(state)) {
        if (!index.states.has(t.to)) continue;
        edges.push({
          id: `${t.from}->${t.to}:${t.kind}:${edges.length}`,
          source: t.from,
          target: t.to,
          kind: t.kind,
          label: t.label,
          taken: false,
          parentId,
        });
      }
      if (parentId === null && isTerminal(state)) {
        edges.push({ id: `${path}->${END_ID}`, source: path, target: END_ID, kind: "end", taken: false, parentId: null });
      }
      for (const child of index.childScopes.get(path) ?? []) {
        const childScope = index.scopes.get(child)!;
        if (childScope.kind === "branch") {
          nodes.push(groupNode(child, `Branch ${childScope.branchIndex! + 1}`, path));
          addScope(child, child);
        } else {
          addScope(child, path);
        }
      }
    }
  };
  nodes.push(terminalNode(START_ID, "Start"));
  addScope("", null);
  nodes.push(terminalNode(END_ID, "End"));
  const root = index.scopes.get("")!;
  if (root.startAt && index.states.has(root.startAt)) {
    edges.unshift({
      id: `${START_ID}->${root.startAt}`,
      source: START_ID,
      target: root.startAt,
      kind: "start",
      taken: false,
      parentId: null,
    });
  }
  return { nodes, edges };
}

function fromRuns(runs: StateRun[], byPath: Map<string, StateRun[]>) {
  const nodes: GraphNode[] = [terminalNode(START_ID, "Start")];
  const edges: GraphEdge[] = [];
  const seenEdges = new Set<string>();
  for (const [path, list] of byPath) {
    const slash = path.lastIndexOf("/");
    const parentPath = slash < 0 ? null : path.slice(0, slash);
    let parentId = parentPath;
    if (parentPath && parentPath.endsWith("]")) {
      if (!nodes.some((n) => n.id === parentPath))
        nodes.push(
          groupNode(
            parentPath,
            `Branch ${Number(parentPath.slice(parentPath.lastIndexOf("[") + 1, -1)) + 1}`,
            parentPath.slice(0, parentPath.lastIndexOf("[")),
          ),
        );
      parentId = parentPath;
    }
    nodes.push(stateNode(path, list[0].stateName, list[0].stateType, parentId, list));
  }
  const runByKey = new Map(runs.map((r) => [r.key, r]));
  for (const run of runs) {
    const prev = run.previousRunKey ? runByKey.get(run.previousRunKey) : undefined;
    if (!prev) continue;
    const id = `${prev.statePath}->${run.statePath}`;
    if (seenEdges.has(id)) continue;
    seenEdges.add(id);
    const parentId = nodes.find((n) => n.id === run.statePath)?.parentId ?? null;
    edges.push({
      id,
      source: prev.statePath,
      target: run.statePath,
      kind: prev.status === "caught" ? "catch" : "next",
      taken: false,
      parentId,
    });
  }
  const first = runs.find((r) => r.frameKey === "root");
  if (first)
    edges.unshift({
      id: `${START_ID}->${first.statePath}`,
      source: START_ID,
      target: first.statePath,
      kind: "start",
      taken: false,
      parentId: null,
    });
  nodes.push(terminalNode(END_ID, "End"));
  const last = [...runs].reverse().find((r) => r.frameKey === "root" && r.status !== "in-progress");
  if (last)
    edges.push({ id: `${last.statePath}->${END_ID}`, source: last.statePath, target: END_ID, kind: "end", taken: false, parentId: null });
  return { nodes, edges };
}

function groupNode(id: string, label: string, parentId: string): GraphNode {
  return {
    id,
    kind: "branch",
    label,
    stateName: null,
    stateType: null,
    parentId,
    status: "not-reached",
    runCount: 0,
    maxAttempts: 0,
    counts: {},
    runKeys: [],
    taken: false,
  };
}

function terminalNode(id: string, label: string): GraphNode {
  return {
    id,
    kind: id === START_ID ? "start" : "end",
    label,
    stateName: null,
    stateType: null,
    parentId: null,
    status: "not-reached",
    runCount: 0,
    maxAttempts: 0,
    counts: {},
    runKeys: [],
    taken: false,
  };
}

/** Marks the edges the execution followed, branch groups by their runs, and start/end. */
function markTaken(graph: { nodes: GraphNode[]; edges: GraphEdge[] }, prepared: PreparedRuns, index: DefinitionIndex | null): void {
  const followed = new Map<string, { caught: boolean; normal: boolean }>();
  const hasSuccessor = new Set<string>();
  for (const run of prepared.runs) {
    const prev = run.previousRunKey ? prepared.runByKey.get(run.previousRunKey) : undefined;
    if (!prev) continue;
    hasSuccessor.add(prev.key);
    const key = `${prev.statePath}->${run.statePath}`;
    const mark = followed.get(key) ?? { caught: false, normal: false };
    if (prev.status === "caught") mark.caught = true;
    else mark.normal = true;
    followed.set(key, mark);
  }
  // top-level runs nothing followed, that finished the execution
  const endedHere = new Set<string>();
  if (prepared.execution.status !== "RUNNING") {
    for (const run of prepared.runs) {
      if (run.frameKey !== "root" || hasSuccessor.has(run.key)) continue;
      if (run.status === "succeeded" || run.status === "caught" || (run.stateType === "Fail" && run.status === "failed"))
        endedHere.add(run.statePath);
    }
  }
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const edge of graph.edges) {
    const mark = followed.get(`${edge.source}->${edge.target}`);
    if (edge.kind === "start") edge.taken = nodeById.get(edge.target)?.taken ?? false;
    else if (edge.kind === "end") edge.taken = endedHere.has(edge.source);
    else if (mark) edge.taken = edge.kind === "catch" ? mark.caught || (!index && mark.normal) : mark.normal;
  }
  for (const node of graph.nodes) {
    if (node.kind === "start") {
      node.taken = true;
      node.status = prepared.execution.startedAt !== null || prepared.runs.length > 0 ? "succeeded" : "not-reached";
    } else if (node.kind === "end") {
      node.taken = prepared.execution.status !== "RUNNING";
      node.status = endStatus(prepared.execution.status);
    } else if (node.kind === "branch") {
      const frames = prepared.frames.filter((f) => f.kind === "branch" && f.scopeKey === node.id);
      const counts: Partial<Record<RunStatus, number>> = {};
      for (const f of frames) counts[f.status] = (counts[f.status] ?? 0) + 1;
      node.counts = counts;
      node.runCount = frames.length;
      node.status = aggregateStatus(counts, 1);
      node.taken = frames.length > 0;
    }
  }
}

function endStatus(status: string): NodeStatus {
  if (status === "SUCCEEDED") return "succeeded";
  if (status === "FAILED" || status === "TIMED_OUT") return "failed";
  if (status === "ABORTED") return "aborted";
  return "not-reached";
}

/** The last failed leaf state, else the last failed container, else the last running state. */
function markFailureChain(nodes: GraphNode[], rootCause: RootCause): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const step of rootCause.chain) {
    const node = byId.get(step.path);
    if (node && node.failureChain !== "origin") node.failureChain = step.path === rootCause.path ? "origin" : "chain";
  }
}

function pickInitial(runs: StateRun[]): string | null {
  const last = (accept: (r: StateRun) => boolean) => {
    for (let i = runs.length - 1; i >= 0; i--) if (accept(runs[i])) return runs[i].statePath;
    return null;
  };
  const container = (r: StateRun) => r.stateType === "Parallel" || r.stateType === "Map";
  return (
    last((r) => r.status === "failed" && !container(r)) ??
    last((r) => r.status === "failed") ??
    last((r) => r.status === "in-progress" && !container(r)) ??
    null
  );
}
