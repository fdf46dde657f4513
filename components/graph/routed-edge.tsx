"use client";

import { BaseEdge, type EdgeProps } from "@xyflow/react";
import { pathThrough, type FlowEdge } from "./to-flow-elements";

/** Draws the route ELK computed; taken transitions stand out, catch edges are dashed. */
export function RoutedEdge({ id, data }: EdgeProps<FlowEdge>) {
  if (!data || data.points.length < 2) return null;
  const { edge, points, label } = data;
  const cls = `sl-gedge${edge.taken ? " sl-gedge-taken" : ""}${edge.kind === "catch" ? " sl-gedge-catch" : ""}`;
  return (
    <g className={cls} data-testid={`graph-edge-${edge.source}->${edge.target}`} data-taken={edge.taken}>
      <BaseEdge id={id} path={pathThrough(points)} markerEnd={`url(#sl-arrow-${edge.taken ? "taken" : "idle"})`} />
      {label ? (
        <text x={label.x} y={label.y} className="sl-gedge-label" textAnchor="middle" dominantBaseline="central">
          {label.text}
        </text>
      ) : null}
    </g>
  );
}
