import { describe, expect, it } from "vitest";
import { engineStateMode } from "./local-engine";

describe("STATELENS_ENGINE_STATE", () => {
  it("keeps the engine's state in the store by default, in memory when asked, and names a wrong value", () => {
    expect(engineStateMode(undefined)).toBe("store");
    expect(engineStateMode("store")).toBe("store");
    expect(engineStateMode("memory")).toBe("memory");
    expect(() => engineStateMode("disk")).toThrow('STATELENS_ENGINE_STATE must be "store" or "memory", got "disk"');
  });
});
