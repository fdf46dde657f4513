import { describe, expect, it } from "vitest";
import { deepObjectText } from "../../testing/json/deep-documents";
import { REDACTED, redactText } from "./redact";

// A payload nested 10,000 levels deep, with a secret at the bottom.
const DEPTH = 10_000;
const secret = deepObjectText(DEPTH, '{"password":"p1","keep":1}');

describe("redaction of a payload nested 10,000 levels deep", () => {
  it("redacts by a plain path and writes the deep rest back unchanged", () => {
    const text = `{"password":"p0","deep":${secret}}`;
    expect(redactText(text, ["$.password"])).toBe(`{"password":"[REDACTED]","deep":${secret}}`);
  });

  it("redacts the whole payload when recursive descent cannot search it (never lets the secret through)", () => {
    const redacted = redactText(secret, ["$..password"]);
    expect(redacted).not.toContain("p1");
    expect(redacted === JSON.stringify(REDACTED) || redacted === deepObjectText(DEPTH, '{"password":"[REDACTED]","keep":1}')).toBe(true);
  });

  it("leaves it alone when no path matches", () => {
    expect(redactText(secret, ["$.nothing.here"])).toBe(secret);
  });
});
