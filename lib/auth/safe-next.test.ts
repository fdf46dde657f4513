import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeNext("/executions?status=FAILED#top")).toBe("/executions?status=FAILED#top");
    expect(safeNext("/executions/arn%3Aaws%3Astates")).toBe("/executions/arn%3Aaws%3Astates");
    expect(safeNext("/a/../audit")).toBe("/audit");
  });

  it("refuses anything that could leave the site", () => {
    for (const bad of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\\evil",
      "/\\/evil",
      "//evil",
      "///evil",
      "/%09/evil",
      "/%2F/evil",
      "/%5Cevil",
      "/%0a/evil",
      "https://evil",
      "http:/evil",
      "javascript:alert(1)",
      "evil",
      "",
      "/%zz",
    ]) {
      expect(safeNext(bad), JSON.stringify(bad)).toBe("/");
    }
    expect(safeNext(undefined, "/executions")).toBe("/executions");
  });
});
