import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import type { GraphEdge, GraphNode, PreparedGraph } from "./graph-types";
import { nodeMeta } from "./node-meta";
import { prepareGraph } from "./prepare-graph";

export interface Point {
  x: number;
  y: number;
}

export interface LaidOutNode {
  node: GraphNode;
  /** relative to the parent group (what @xyflow/react expects for child nodes) */
  x: number;
  y: number;
  /** relative to the whole graph */
  absX: number;
  absY: number;
  width: number;
  height: number;
}

export interface LaidOutEdge {
  edge: GraphEdge;
  /** route from source to target, absolute coordinates */
  points: Point[];
  /** label centre, absolute coordinates */
  label: (Point & { text: string }) | null;
}

export interface LaidOutGraph {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
}

export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

const CHAR_WIDTH = 8;
const LABEL_HEIGHT = 16;
const GROUP_PADDING = "[top=34,left=14,bottom=14,right=14]";

/** Leaf node size from its label; groups are sized by ELK around their children. */
export function nodeSize(node: GraphNode): { width: number; height: number } {
  if (node.kind === "start" || node.kind === "end") return { width: 72, height: 30 };
  const text = Math.max(node.label.length * CHAR_WIDTH + 64, nodeMeta(node).length * 6.3 + 28);
  const width = Math.round(Math.min(320, Math.max(140, text)));
  return { width, height: 52 };
}

/** Width a group's header needs: icon, name, the meta line ("Map · distributed · max 10 at once"), padding. */
export function groupHeaderWidth(node: GraphNode): number {
  return Math.round(node.label.length * CHAR_WIDTH + nodeMeta(node).length * 6.3 + 48);
}

/** Builds the ELK input: one compound ELK node per group, each edge inside the group it links. */
export function toElkGraph(graph: PreparedGraph): ElkNode {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = {
    id: "__root__",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "DOWN",
      "elk.layered.spacing.nodeNodeBetweenLayers": "44",
      "elk.spacing.nodeNode": "28",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      "elk.spacing.edgeLabel": "4",
    },
    children: [],
    edges: [],
  };
  const groups = new Set(graph.nodes.filter((n) => n.parentId !== null).map((n) => n.parentId!));
  for (const node of graph.nodes) {
    const isGroup = groups.has(node.id);
    const elkNode: ElkNode = isGroup
      ? {
          id: node.id,
          layoutOptions: {
            ...root.layoutOptions,
            "elk.padding": GROUP_PADDING,
            // wide enough for its header (name and mode), so a Map's title is never clipped
            "elk.nodeSize.constraints": "[MINIMUM_SIZE]",
            "elk.nodeSize.minimum": `(${groupHeaderWidth(node)}, 0)`,
          },
          children: [],
          edges: [],
        }
      : { id: node.id, ...nodeSize(node) };
    if (isGroup && node.kind === "parallel") {
      // branches side by side, no spacing games with edges (there are none between them)
      elkNode.layoutOptions!["elk.spacing.nodeNode"] = "20";
    }
    elkNodes.set(node.id, elkNode);
    const parent = node.parentId ? elkNodes.get(node.parentId) : root;
    (parent ?? root).children!.push(elkNode);
  }
  for (const edge of graph.edges) {
    const container = edge.parentId ? elkNodes.get(edge.parentId) : root;
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target] };
    if (edge.label && edge.kind !== "next") {
      elkEdge.labels = [{ text: edge.label, width: Math.round(edge.label.length * 6.2 + 8), height: LABEL_HEIGHT }];
    }
    ((container ?? root).edges ??= []).push(elkEdge);
  }
  return root;
}

/** Reads ELK's result back: relative and absolute node boxes, absolute edge routes. */
export function readElkLayout(graph: PreparedGraph, laidOut: ElkNode): LaidOutGraph {
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  const nodes: LaidOutNode[] = [];
  const edges: LaidOutEdge[] = [];
  const walk = (container: ElkNode, offsetX: number, offsetY: number) => {
    for (const child of container.children ?? []) {
      const node = nodeById.get(child.id);
      const x = child.x ?? 0;
      const y = child.y ?? 0;
      if (node) {
        nodes.push({ node, x, y, absX: offsetX + x, absY: offsetY + y, width: child.width ?? 0, height: child.height ?? 0 });
      }
      walk(child, offsetX + x, offsetY + y);
    }
    for (const elkEdge of container.edges ?? []) {
      const edge = edgeById.get(elkEdge.id);
      if (!edge) continue;
      const points: Point[] = [];
      for (const section of elkEdge.sections ?? []) {
        points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
      }
      const label = elkEdge.labels?.[0];
      edges.push({
        edge,
        points: points.map((p) => ({ x: p.x + offsetX, y: p.y + offsetY })),
        label:
          label && label.text
            ? {
                x: (label.x ?? 0) + (label.width ?? 0) / 2 + offsetX,
                y: (label.y ?? 0) + (label.height ?? 0) / 2 + offsetY,
                text: label.text,
              }
            : null,
      });
    }
  };
  walk(laidOut, 0, 0);
  return { nodes, edges, width: laidOut.width ?? 0, height: laidOut.height ?? 0 };
}

let sharedElk: Promise<ElkLike> | null = null;

function defaultElk(): Promise<ElkLike> {
  sharedElk ??= import("elkjs/lib/elk.bundled.js").then(({ default: ELK }): ElkLike => new ELK());
  // a failed load is tried again by the next layout, which reports it
  sharedElk.catch(() => (sharedElk = null));
  return sharedElk;
}

/** A small graph with what real ones have (choice and catch labels, a Map group, Parallel branches). */
const WARM_UP_DEFINITION = {
  StartAt: "A",
  States: {
    A: { Type: "Choice", Choices: [{ Variable: "$.x", BooleanEquals: true, Next: "M" }], Default: "P" },
    M: { Type: "Map", ItemProcessor: { StartAt: "W", States: { W: { Type: "Task", Resource: "w", End: true } } }, Next: "P" },
    P: {
      Type: "Parallel",
      Branches: [
        { StartAt: "B", States: { B: { Type: "Pass", End: true } } },
        { StartAt: "C", States: { C: { Type: "Pass", End: true } } },
      ],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "F" }],
      End: true,
    },
    F: { Type: "Fail" },
  },
};

/**
 * Loads ELK (1.5 MB of script) and lays out a small graph once, without waiting for either: ELK's
 * first layout in a page takes ~0.4 s more than the next ones (its code is compiled on first use),
 * so this runs while the page still waits for the history, not after it.
 */
export function preloadElk(): void {
  defaultElk()
    .then((elk) => elk.layout(toElkGraph(prepareGraph(WARM_UP_DEFINITION, []))))
    .catch(() => {});
}

/** Layered, top-down layout with compound nodes for Parallel branches and Map processors. */
export async function layoutGraph(graph: PreparedGraph, elk?: ElkLike): Promise<LaidOutGraph> {
  const engine = elk ?? (await defaultElk());
  const result = await engine.layout(toElkGraph(graph));
  return readElkLayout(graph, result);
}
