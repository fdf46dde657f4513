import { describe, expect, it } from "vitest";
import { buildProgress, phaseOf } from "./build-progress";

/** A progress reporter on a clock the test moves (`clock.now`), printing into `printed`. */
function reporter() {
  const clock = { now: 0 };
  const printed: string[] = [];
  const progress = buildProgress(
    (t) => printed.push(t),
    () => clock.now,
    15_000,
  );
  return { clock, printed, progress };
}

describe("buildProgress", () => {
  it("says it is still building after each quiet stretch, with the time so far and what Next.js is doing", () => {
    const { clock, printed, progress } = reporter();
    progress.line("  Creating an optimized production build ...");
    for (clock.now = 1_000; clock.now <= 80_000; clock.now += 1_000) progress.tick();
    expect(printed).toEqual([
      "statelens: still building the dashboard (15 s so far; compiling)",
      "statelens: still building the dashboard (30 s so far; compiling)",
      "statelens: still building the dashboard (45 s so far; compiling)",
      "statelens: still building the dashboard (1 min 00 s so far; compiling)",
      "statelens: still building the dashboard (1 min 15 s so far; compiling)",
    ]);
  });

  it("stays quiet while the build prints, and names its latest phase", () => {
    const { clock, printed, progress } = reporter();
    for (clock.now = 1_000; clock.now <= 60_000; clock.now += 1_000) {
      if (clock.now % 10_000 === 0) progress.line("✓ Compiled successfully in 9s");
      progress.tick();
    }
    expect(printed).toEqual([]);
    progress.line("  Running TypeScript ...");
    for (; clock.now <= 77_000; clock.now += 1_000) progress.tick();
    expect(printed).toEqual(["statelens: still building the dashboard (1 min 16 s so far; type-checking the dashboard's code)"]);
  });
});

describe("phaseOf", () => {
  it("names Next.js's phases and keeps the phase through lines that end side work", () => {
    expect(phaseOf("  Collecting page data using 1 worker ...")).toBe("collecting page data");
    expect(phaseOf("\u001b[32m✓\u001b[39m Finished writing to filesystem cache in 44s")).toBeNull();
    expect(phaseOf("├ ƒ /executions")).toBeNull();
  });
});
