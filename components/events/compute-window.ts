/**
 * Windowing math for long lists with rows of two heights (collapsed and expanded): prefix
 * offsets, then a binary search for the rows a scroll position shows.
 */

/** offsets[i] is the top of row i; offsets[count] is the total height. */
export function rowOffsets(count: number, rowHeight: number, extraHeight: (index: number) => number = () => 0): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + rowHeight + extraHeight(i);
  return offsets;
}

/** Index of the row covering pixel `y` (clamped to the list). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rows [start, end) to render for a viewport, with `overscan` extra rows on each side. */
export function visibleRange(
  offsets: Float64Array,
  scrollTop: number,
  viewportHeight: number,
  overscan = 8,
): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const first = rowAt(offsets, Math.max(0, scrollTop));
  const last = rowAt(offsets, Math.max(0, scrollTop + viewportHeight - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** scrollTop that brings row `index` fully into view, or the current one if it already is. */
export function scrollToReveal(offsets: Float64Array, index: number, scrollTop: number, viewportHeight: number): number {
  const top = offsets[index];
  const bottom = offsets[index + 1];
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}
