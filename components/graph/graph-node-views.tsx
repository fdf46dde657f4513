"use client";

import { Handle, Position, type NodeProps } from "@xyflow/react";
import { statusLabel, toneOf } from "../ui/status-tone";
import { nodeMeta } from "./node-meta";
import type { FlowNode } from "./to-flow-elements";

const ICONS: Record<string, string> = {
  succeeded: "✓",
  failed: "✕",
  caught: "⤳",
  retried: "↻",
  "in-progress": "●",
  aborted: "■",
  "not-reached": "",
};

function testIdOf(node: FlowNode["data"]["node"]): string {
  if (node.stateName) return `graph-node-${node.stateName}`;
  return node.kind === "branch" ? `graph-branch-${node.id}` : `graph-${node.kind}`;
}

/** A state (or Start/End) box: name, type, runs and attempts, coloured by status. */
export function StateNodeView({ data }: NodeProps<FlowNode>) {
  const { node, selected } = data;
  const terminal = node.kind === "start" || node.kind === "end";
  return (
    <div
      className={`sl-gnode sl-tone-${toneOf(node.status)}${terminal ? " sl-gnode-terminal" : ""}${selected ? " sl-selected" : ""}${node.status === "not-reached" ? " sl-gnode-unreached" : ""}${node.failureChain ? ` sl-chain-${node.failureChain}` : ""}`}
      data-testid={testIdOf(node)}
      data-status={node.status}
      data-path={node.id}
      data-failure-chain={node.failureChain}
      title={`${node.label}: ${statusLabel(node.status)}${node.failureChain === "origin" ? " (root cause)" : ""}`}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="sl-handle" />
      {terminal ? (
        <span className="sl-gnode-name">{node.label}</span>
      ) : (
        <>
          <span className="sl-gnode-name">
            {ICONS[node.status] ? (
              <span className="sl-gnode-icon" aria-hidden>
                {ICONS[node.status]}
              </span>
            ) : null}
            {node.label}
          </span>
          <span className="sl-gnode-meta">{nodeMeta(node) || statusLabel(node.status)}</span>
        </>
      )}
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="sl-handle" />
    </div>
  );
}

/** A Parallel or Map state drawn around its branches / processor, or one Parallel branch. */
export function GroupNodeView({ data }: NodeProps<FlowNode>) {
  const { node, selected } = data;
  const branch = node.kind === "branch";
  return (
    <div
      className={`sl-ggroup sl-tone-${toneOf(node.status)}${branch ? " sl-ggroup-branch" : ""}${selected ? " sl-selected" : ""}${node.status === "not-reached" ? " sl-gnode-unreached" : ""}${node.failureChain ? ` sl-chain-${node.failureChain}` : ""}`}
      data-testid={testIdOf(node)}
      data-status={node.status}
      data-path={node.id}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="sl-handle" />
      <div className="sl-ggroup-header">
        {!branch && ICONS[node.status] ? (
          <span className="sl-gnode-icon" aria-hidden>
            {ICONS[node.status]}
          </span>
        ) : null}
        <span className="sl-gnode-name">{node.label}</span>
        <span className="sl-gnode-meta">{branch ? statusLabel(node.status) : nodeMeta(node)}</span>
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="sl-handle" />
    </div>
  );
}
