import { describe, expect, it } from "vitest";
import { childPath, parsePayload } from "./json-path";

describe("parsePayload and childPath", () => {
  it("parses JSON text and keeps anything else as text", () => {
    expect(parsePayload('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parsePayload("not json")).toEqual({ ok: false, text: "not json" });
    expect(parsePayload(null)).toEqual({ ok: true, value: null });
  });
  it("quotes keys that are not identifiers", () => {
    expect(childPath("$", "a")).toBe("$.a");
    expect(childPath("$", "a-b")).toBe('$["a-b"]');
    expect(childPath("$.x", 3)).toBe("$.x[3]");
  });
});
