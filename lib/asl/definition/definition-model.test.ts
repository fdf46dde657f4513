import { describe, expect, it } from "vitest";
import { indexDefinition, requireDefinitionIndex, stateAtPath, statePointer, toDefinitionIndex } from "./definition-model";

const definition = {
  StartAt: "P",
  States: {
    P: {
      Type: "Parallel",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Pass", End: true } } },
        {
          StartAt: "M",
          States: {
            M: { Type: "Map", ItemProcessor: { StartAt: "B", States: { B: { Type: "Task", Resource: "r", End: true } } }, End: true },
          },
        },
      ],
      Next: "L",
    },
    L: { Type: "Map", Iterator: { StartAt: "C", States: { C: { Type: "Succeed" } } }, End: true },
  },
};

describe("the definition model", () => {
  it("indexes every state once by path and by name, with the Maps and Parallels around it", () => {
    const index = indexDefinition(JSON.stringify(definition))!;
    expect([...index.states.keys()]).toEqual(["P", "P[0]/A", "P[1]/M", "P[1]/M/B", "L", "L/C"]);
    expect(index.byName.get("B")).toMatchObject({
      path: "P[1]/M/B",
      type: "Task",
      containers: [
        { state: "P", path: "P", kind: "parallel", branch: 1 },
        { state: "M", path: "P[1]/M", kind: "map" },
      ],
    });
    expect(stateAtPath(index, "L/C")?.def).toEqual({ Type: "Succeed" });
    expect(stateAtPath(index, "L/X")).toBeNull();
    expect(toDefinitionIndex(index)).toBe(index);
  });

  it("locates a state as AWS's validation messages do", () => {
    const index = indexDefinition(definition)!;
    expect(statePointer(index, index.byName.get("B")!)).toBe("/States/P/Branches[1]/States/M/ItemProcessor/States/B");
    expect(statePointer(index, index.byName.get("C")!)).toBe("/States/L/Iterator/States/C");
    expect(statePointer(index, index.byName.get("P")!)).toBe("/States/P");
  });

  it("says what is wrong with a definition it cannot index", () => {
    expect(indexDefinition("{")).toBeNull();
    expect(indexDefinition({ StartAt: "A" })).toBeNull();
    expect(() => requireDefinitionIndex("{")).toThrow(/not valid JSON/);
    expect(() => requireDefinitionIndex("[1]")).toThrow(/not a JSON object/);
    expect(requireDefinitionIndex({ StartAt: "A" }).states.size).toBe(0);
  });
});
