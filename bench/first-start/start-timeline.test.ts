import { describe, expect, it } from "vitest";
import { longestSilence, startTimeline } from "./start-timeline";

// What a first `statelens serve --demo` printed on this machine (Next.js 16.4, Turbopack), times in ms.
const FIRST_START = [
  { ms: 900, text: "statelens: store migrated (10 migrations) in 0.4 s" },
  { ms: 15_400, text: "loaded 400 demo executions" },
  { ms: 15_500, text: "building the dashboard (first start only)..." },
  { ms: 17_600, text: "\u001b[1m\u001b[38;2;173;127;168m▲ Next.js 16.4.6\u001b[39m\u001b[22m (Turbopack)" },
  { ms: 18_100, text: "  Creating an optimized production build ..." },
  { ms: 178_100, text: "✓ Compiled successfully in 2.7min" },
  { ms: 178_300, text: "  Running TypeScript ..." },
  { ms: 302_800, text: "  Finished TypeScript in 2.1min ..." },
  { ms: 302_900, text: "  Collecting page data using 1 worker ..." },
  { ms: 310_400, text: "  Generating static pages using 1 worker (0/3) ..." },
  { ms: 311_100, text: "✓ Generating static pages using 1 worker (3/3) in 708ms" },
  { ms: 311_700, text: "Route (app)" },
  { ms: 316_500, text: "statelens dashboard on http://127.0.0.1:3411/executions" },
  { ms: 320_400, text: "✓ Ready in 1014ms" },
];

describe("startTimeline", () => {
  it("finds each milestone of a first start at its first line", () => {
    const at = Object.fromEntries(startTimeline(FIRST_START).map((m) => [m.name, m.ms]));
    expect(at).toEqual({
      migrated: 900,
      "build started": 15_500,
      "demo data stored": 15_400,
      compiled: 178_100,
      "typecheck started": 178_300,
      "typecheck done": 302_800,
      "pages generated": 311_100,
      "build done": 311_700,
      "server ready": 320_400,
    });
  });

  it("leaves milestones the output never showed empty (a second start builds nothing)", () => {
    const second = [
      { ms: 800, text: "store already has executions: demo data not loaded" },
      { ms: 900, text: "statelens dashboard on http://127.0.0.1:3000/executions" },
      { ms: 2_500, text: "✓ Ready in 600ms" },
    ];
    const timeline = startTimeline(second);
    expect(timeline.filter((m) => m.ms !== null).map((m) => m.name)).toEqual(["demo data stored", "build done", "server ready"]);
  });

  it("does not take the 0/3 line of static generation for its end", () => {
    const lines = [{ ms: 1, text: "  Generating static pages using 1 worker (0/3) ..." }];
    expect(startTimeline(lines).find((m) => m.name === "pages generated")?.ms).toBeNull();
  });
});

describe("longestSilence", () => {
  it("is the widest gap between lines, named by the line before it", () => {
    expect(longestSilence(FIRST_START, 0, 325_000)).toEqual({ ms: 160_000, after: "Creating an optimized production build ..." });
  });

  it("counts the wait after the last line up to the end", () => {
    expect(longestSilence([{ ms: 1_000, text: "building" }], 0, 9_000)).toEqual({ ms: 8_000, after: "building" });
  });
});
