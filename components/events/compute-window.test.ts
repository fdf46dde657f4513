import { describe, expect, it } from "vitest";
import { rowAt, rowOffsets, scrollToReveal, visibleRange } from "./compute-window";

describe("compute-window", () => {
  it("builds prefix offsets with expanded rows taller", () => {
    const offsets = rowOffsets(5, 28, (i) => (i === 2 ? 200 : 0));
    expect([...offsets]).toEqual([0, 28, 56, 284, 312, 340]);
  });

  it("finds the row under a pixel", () => {
    const offsets = rowOffsets(5, 28, (i) => (i === 2 ? 200 : 0));
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 27.9)).toBe(0);
    expect(rowAt(offsets, 28)).toBe(1);
    expect(rowAt(offsets, 283)).toBe(2);
    expect(rowAt(offsets, 10_000)).toBe(4);
  });

  it("renders only the rows in view of 25,000", () => {
    const offsets = rowOffsets(25_000, 28);
    expect(offsets[25_000]).toBe(700_000);
    expect(visibleRange(offsets, 280_000, 560, 5)).toEqual({ start: 9995, end: 10_025 });
    expect(visibleRange(offsets, 0, 560, 5)).toEqual({ start: 0, end: 25 });
    expect(visibleRange(offsets, 699_900, 560, 5)).toEqual({ start: 24_991, end: 25_000 });
    expect(visibleRange(rowOffsets(0, 28), 0, 560)).toEqual({ start: 0, end: 0 });
  });

  it("scrolls just enough to reveal a row", () => {
    const offsets = rowOffsets(100, 20);
    expect(scrollToReveal(offsets, 10, 0, 100)).toBe(120);
    expect(scrollToReveal(offsets, 2, 100, 100)).toBe(40);
    expect(scrollToReveal(offsets, 6, 100, 100)).toBe(100);
  });
});
