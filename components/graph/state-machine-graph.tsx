"use client";

import "@xyflow/react/dist/style.css";
import { Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type NodeMouseHandler } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { EventDto } from "../../lib/model/execution";
import type { PreparedRuns } from "../../lib/history/state-run-types";
import { GroupNodeView, StateNodeView } from "./graph-node-views";
import { initialViewport, MIN_READABLE_ZOOM } from "./initial-viewport";
import { layoutGraph, preloadElk, type LaidOutGraph } from "./layout-graph";
import { prepareGraph } from "./prepare-graph";
import { RoutedEdge } from "./routed-edge";
import { toFlowElements, type FlowNode } from "./to-flow-elements";

export interface GraphSelection {
  /** state path (unique even when names repeat across branches) */
  path: string;
  stateName: string;
  /** runs of that state, in entry order (see prepare-state-runs) */
  runKeys: string[];
}

export interface StateMachineGraphProps {
  /** ASL JSON text as it ran; without it the graph is rebuilt from the history */
  definition: string | null;
  events: EventDto[];
  /** pass when already computed, to avoid grouping the events twice */
  prepared?: PreparedRuns;
  /** controlled selection (state path); leave undefined to let the graph keep its own */
  selectedPath?: string | null;
  onSelectState?: (selection: GraphSelection) => void;
  height?: number;
}

const nodeTypes = { "state-node": StateNodeView, "group-node": GroupNodeView };

// the page that shows a graph loads and warms up ELK while it fetches the history it draws
if (typeof window !== "undefined") preloadElk();
const edgeTypes = { routed: RoutedEdge };

/**
 * The state machine as it ran: states coloured by status, the path taken highlighted, Parallel
 * branches and Map processors as nested groups. The failed state starts selected.
 */
export function StateMachineGraph(props: StateMachineGraphProps) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

/** Narrower panes show no minimap: its 200 px would cover most of the graph. */
const MINIMAP_MIN_PANE_WIDTH = 640;

function GraphCanvas({ definition, events, prepared, selectedPath, onSelectState, height = 560 }: StateMachineGraphProps) {
  const graph = useMemo(() => prepareGraph(definition, events, prepared), [definition, events, prepared]);
  const [layout, setLayout] = useState<{ for: typeof graph; result: LaidOutGraph } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ownSelection, setOwnSelection] = useState<string | null>(graph.initialSelection);
  const [selectionFor, setSelectionFor] = useState(graph);
  if (selectionFor !== graph) {
    // another execution or definition: start again from its failed state
    setSelectionFor(graph);
    setOwnSelection(graph.initialSelection);
  }
  const selected = selectedPath !== undefined && selectedPath !== null ? selectedPath : ownSelection;
  const announced = useRef(false);

  useEffect(() => {
    let live = true;
    layoutGraph(graph)
      .then((result) => live && setLayout({ for: graph, result }))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [graph]);

  useEffect(() => {
    if (announced.current || !graph.initialSelection || (selectedPath ?? null) !== null) return;
    announced.current = true;
    const node = graph.nodes.find((n) => n.id === graph.initialSelection);
    if (node?.stateName) onSelectState?.({ path: node.id, stateName: node.stateName, runKeys: node.runKeys });
  }, [graph, onSelectState, selectedPath]);

  const elements = useMemo(() => (layout ? toFlowElements(layout.result, selected) : null), [layout, selected]);

  // open at a readable size (text never below 11 px): the whole graph if it fits, else its start or
  // the selected state, with pan, zoom and a minimap to find the rest
  const flow = useReactFlow();
  const box = useRef<HTMLDivElement>(null);
  const placedFor = useRef<LaidOutGraph | null>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    if (!layout || placedFor.current === layout.result || !box.current) return;
    placedFor.current = layout.result;
    const { width, height } = box.current.getBoundingClientRect();
    const focus = selected ? layout.result.nodes.find((n) => n.node.id === selected) : undefined;
    const view = initialViewport(
      layout.result,
      { width, height },
      focus ? { x: focus.absX, y: focus.absY, width: focus.width, height: focus.height } : null,
    );
    void flow.setViewport(view);
    // a minimap to find the rest, where the pane is wide enough for it not to cover the graph
    setOverflows(width >= MINIMAP_MIN_PANE_WIDTH && (layout.result.width * view.zoom > width || layout.result.height * view.zoom > height));
  }, [layout, selected, flow]);

  // a state selected elsewhere (root cause, timeline, event table) is brought into view
  useEffect(() => {
    if (!layout || placedFor.current !== layout.result || !box.current || !selected) return;
    const focus = layout.result.nodes.find((n) => n.node.id === selected);
    if (!focus) return;
    const { width, height } = box.current.getBoundingClientRect();
    const { x, y, zoom } = flow.getViewport();
    const left = focus.absX * zoom + x;
    const top = focus.absY * zoom + y;
    const visible = left >= 0 && top >= 0 && left + focus.width * zoom <= width && top + focus.height * zoom <= height;
    if (!visible) void flow.setCenter(focus.absX + focus.width / 2, focus.absY + focus.height / 2, { zoom, duration: 200 });
  }, [layout, selected, flow]);

  const select = (flowNode: FlowNode) => {
    const node = flowNode.data.node;
    if (!node.stateName || node.id === selected) return;
    setOwnSelection(node.id);
    onSelectState?.({ path: node.id, stateName: node.stateName, runKeys: node.runKeys });
  };
  const selectRef = useRef(select);
  useEffect(() => {
    selectRef.current = select;
  });
  const onNodeClick: NodeMouseHandler<FlowNode> = (_, flowNode) => select(flowNode);
  // keyboard: Tab to a node, Enter selects it (React Flow reports it as a selection change)
  const onSelectionChange = useCallback(({ nodes }: { nodes: FlowNode[] }) => {
    if (nodes.length === 1) selectRef.current(nodes[0]);
  }, []);

  return (
    <div className="sl-graph" style={{ height }} data-testid="state-machine-graph" data-selected={selected ?? ""} ref={box}>
      <svg width="0" height="0" style={{ position: "absolute" }} aria-hidden>
        <defs>
          <marker
            id="sl-arrow-taken"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerUnits="userSpaceOnUse"
            markerWidth="11"
            markerHeight="11"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="sl-arrow-taken" />
          </marker>
          <marker
            id="sl-arrow-idle"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerUnits="userSpaceOnUse"
            markerWidth="11"
            markerHeight="11"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" className="sl-arrow-idle" />
          </marker>
        </defs>
      </svg>
      {error ? <div className="sl-muted sl-pad">Could not lay out the graph: {error}</div> : null}
      {!elements && !error ? <div className="sl-muted sl-pad">Laying out…</div> : null}
      {elements ? (
        <ReactFlow
          nodes={elements.nodes}
          edges={elements.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodeClick={onNodeClick}
          onSelectionChange={onSelectionChange}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          minZoom={MIN_READABLE_ZOOM}
          maxZoom={2}
        >
          <Controls showInteractive={false} fitViewOptions={{ padding: 0.08, minZoom: MIN_READABLE_ZOOM, maxZoom: 1.1 }} />
          {overflows ? <MiniMap pannable zoomable ariaLabel="Graph overview" /> : null}
        </ReactFlow>
      ) : null}
    </div>
  );
}
