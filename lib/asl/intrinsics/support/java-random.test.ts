import { describe, expect, it } from "vitest";
import { JavaRandom } from "./java-random";

describe("JavaRandom", () => {
  it("reproduces java.util.Random sequences", () => {
    expect(new JavaRandom(42).nextDouble()).toBe(0.7275636800328681);
    expect(new JavaRandom(42).nextInt(10)).toBe(0);
    const r = new JavaRandom(0);
    expect([r.nextInt(100), r.nextInt(100), r.nextInt(100)]).toEqual([60, 48, 29]);
  });

  it("stays within the bound, including powers of two", () => {
    const r = new JavaRandom(-10);
    for (let i = 0; i < 200; i++) {
      const n = r.nextInt(16);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(16);
    }
  });
});
