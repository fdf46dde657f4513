import { describe, expect, it } from "vitest";
import { deepObject, deepObjectText } from "../../../testing/json/deep-documents";
import { runExecution } from "../index";
import { jsonText, stringifyJson } from "./stringify-json";

// An input nested 10,000 levels deep (V8's JSON.stringify gives up near 5,000).
const DEPTH = 10_000;

describe("an execution whose input is nested 10,000 levels deep", () => {
  it("runs through a Pass state and writes its history payloads", async () => {
    const result = await runExecution({
      definition: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
      input: deepObject(DEPTH),
    });
    expect(result.status).toBe("SUCCEEDED");
    expect(stringifyJson(result.output)).toBe(deepObjectText(DEPTH));
    const entered = result.events.find((e) => e.type === "PassStateEntered");
    expect(entered?.stateEnteredEventDetails?.input).toBe(deepObjectText(DEPTH));
  });

  it("jsonText falls back to the iterative stringify only where V8's overflows", () => {
    expect(jsonText({ a: [1, "x"] }, 2)).toBe(JSON.stringify({ a: [1, "x"] }, null, 2));
    expect(jsonText(deepObject(DEPTH))).toBe(deepObjectText(DEPTH));
    expect(jsonText(undefined)).toBeUndefined();
  });
});
