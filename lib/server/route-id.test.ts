import { describe, expect, it } from "vitest";
import { findByRouteId, pathDecodes } from "./route-id";

describe("findByRouteId", () => {
  const stored = new Map([
    ["100%", "a"],
    ["arn:aws:x", "b"],
  ]);
  const find = async (key: string) => stored.get(key) ?? null;

  it("finds by the segment as Next.js hands it over, then decoded once more", async () => {
    expect(await findByRouteId("100%", find)).toBe("a");
    expect(await findByRouteId("arn%3Aaws%3Ax", find)).toBe("b");
  });

  it("is null, never a thrown URIError, for segments that do not decode", async () => {
    for (const segment of ["%", "%E0%A4%A", "%zz", "x%"]) expect(await findByRouteId(segment, find)).toBeNull();
  });
});

describe("pathDecodes", () => {
  it("tells malformed percent-encoding apart", () => {
    expect(pathDecodes("/executions/abc%20d")).toBe(true);
    expect(pathDecodes("/executions/%25")).toBe(true);
    expect(pathDecodes("/executions/%E0%A4%A")).toBe(false);
    expect(pathDecodes("/api/executions/%zz")).toBe(false);
  });
});
