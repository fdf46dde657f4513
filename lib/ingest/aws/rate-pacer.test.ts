import { describe, expect, it } from "vitest";
import { createRatePacer } from "./rate-pacer";

describe("createRatePacer", () => {
  it("spaces call starts 1000/rate ms apart on the clock and lets an idle pacer start at once", async () => {
    let now = 1_000;
    const starts: number[] = [];
    const sleep = async (ms: number) => {
      now += ms;
    };
    const pace = createRatePacer(5, () => now, sleep);
    for (let i = 0; i < 4; i++) {
      await pace();
      starts.push(now);
    }
    expect(starts).toEqual([1_000, 1_200, 1_400, 1_600]);
    now += 5_000;
    await pace();
    expect(now).toBe(6_600);
    expect(() => createRatePacer(0, () => now, sleep)).toThrow(/positive/);
  });
});
