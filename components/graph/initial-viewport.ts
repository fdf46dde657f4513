/**
 * Where the graph opens: the whole graph when it fits at a readable size, else at the smallest
 * readable zoom with the start (top) of the graph in view, centred across, or centred on the
 * focused state (the root cause) when there is one. "Readable": the smallest text drawn in the
 * graph (SMALLEST_GRAPH_TEXT_PX, components.css) is never shown below MIN_TEXT_PX.
 */
export const MIN_TEXT_PX = 11;
/** the smallest font-size in the graph's CSS (.sl-gnode-meta, .sl-gedge-label) */
export const SMALLEST_GRAPH_TEXT_PX = 11;
export const MIN_READABLE_ZOOM = MIN_TEXT_PX / SMALLEST_GRAPH_TEXT_PX;
const MAX_FIT_ZOOM = 1.1;
const PAD = 16;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export function initialViewport(
  graph: { width: number; height: number },
  box: { width: number; height: number },
  focus?: { x: number; y: number; width: number; height: number } | null,
): Viewport {
  const fit = Math.min((box.width - 2 * PAD) / Math.max(graph.width, 1), (box.height - 2 * PAD) / Math.max(graph.height, 1), MAX_FIT_ZOOM);
  const zoom = Math.max(fit, MIN_READABLE_ZOOM);
  const centred = (size: number, extent: number) => (size - extent * zoom) / 2;
  if (zoom === fit) return { x: centred(box.width, graph.width), y: centred(box.height, graph.height), zoom };
  // too big to fit readably: show the focus, or the top of the graph, and let the user pan
  const x =
    graph.width * zoom <= box.width - 2 * PAD
      ? centred(box.width, graph.width)
      : focus
        ? box.width / 2 - (focus.x + focus.width / 2) * zoom
        : PAD;
  const y = focus ? Math.min(PAD, box.height / 2 - (focus.y + focus.height / 2) * zoom) : PAD;
  return { x, y, zoom };
}
