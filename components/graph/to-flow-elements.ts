import type { Edge, Node } from "@xyflow/react";
import type { GraphEdge, GraphNode } from "./graph-types";
import type { LaidOutGraph, Point } from "./layout-graph";

export interface FlowNodeData extends Record<string, unknown> {
  node: GraphNode;
  selected: boolean;
}

export interface FlowEdgeData extends Record<string, unknown> {
  edge: GraphEdge;
  points: Point[];
  label: (Point & { text: string }) | null;
}

export type FlowNode = Node<FlowNodeData>;
export type FlowEdge = Edge<FlowEdgeData>;

/** React Flow nodes (parents first, child positions relative) and routed edges from a layout. */
export function toFlowElements(layout: LaidOutGraph, selectedId: string | null): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = layout.nodes.map((n) => {
    const group = n.node.kind === "parallel" || n.node.kind === "map" || n.node.kind === "branch";
    const hasChildren = layout.nodes.some((c) => c.node.parentId === n.node.id);
    return {
      id: n.node.id,
      type: group && hasChildren ? "group-node" : "state-node",
      position: { x: n.x, y: n.y },
      ...(n.node.parentId ? { parentId: n.node.parentId } : {}),
      data: { node: n.node, selected: n.node.id === selectedId },
      style: { width: n.width, height: n.height },
      width: n.width,
      height: n.height,
      draggable: false,
      connectable: false,
      selectable: n.node.kind !== "branch",
    };
  });
  const edges: FlowEdge[] = layout.edges.map((e) => ({
    id: e.edge.id,
    source: e.edge.source,
    target: e.edge.target,
    type: "routed",
    data: { edge: e.edge, points: e.points, label: e.label },
    zIndex: 1000,
    selectable: false,
  }));
  return { nodes, edges };
}

/** SVG path through the routed points. */
export function pathThrough(points: Point[]): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"} ${round(p.x)} ${round(p.y)}`).join(" ");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
