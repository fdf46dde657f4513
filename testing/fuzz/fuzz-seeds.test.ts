import { describe, expect, it } from "vitest";
import { CI_FUZZ_SEEDS, fuzzSeeds } from "./fuzz-seeds";

describe("fuzzSeeds", () => {
  it("is CI's fixed list when FC_SEED is unset or blank", () => {
    expect(fuzzSeeds(undefined)).toEqual(CI_FUZZ_SEEDS);
    expect(fuzzSeeds("  ")).toEqual(CI_FUZZ_SEEDS);
    expect(CI_FUZZ_SEEDS.length).toBeGreaterThanOrEqual(3);
  });

  it("reads one seed or a list", () => {
    expect(fuzzSeeds("42")).toEqual([42]);
    expect(fuzzSeeds("7, 8 9,-3")).toEqual([7, 8, 9, -3]);
  });

  it("refuses what is not an integer seed, naming it", () => {
    expect(() => fuzzSeeds("1,x")).toThrow(/FC_SEED: "x" is not an integer seed/);
    expect(() => fuzzSeeds("1.5")).toThrow(/"1\.5"/);
    expect(() => fuzzSeeds("99999999999")).toThrow(/"99999999999"/);
  });
});
