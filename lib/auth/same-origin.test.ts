import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce } from "./content-security-policy";
import { crossOriginReason } from "./same-origin";

const h = (init: Record<string, string>) => new Headers(init);

describe("same-origin check for mutating requests", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossOriginReason("GET", h({ origin: "https://evil.example", "sec-fetch-site": "cross-site", host: "a:3000" }))).toBeNull();
  });

  it("refuses cross-site and foreign-origin writes", () => {
    expect(crossOriginReason("POST", h({ "sec-fetch-site": "cross-site", host: "a:3000" }))).toMatch(/cross-site/);
    expect(crossOriginReason("POST", h({ "sec-fetch-site": "same-site", host: "a:3000" }))).toMatch(/same-site/);
    expect(crossOriginReason("DELETE", h({ origin: "http://evil.example", host: "127.0.0.1:3000" }))).toMatch(/does not match/);
    expect(crossOriginReason("POST", h({ origin: "http://127.0.0.1:4000", host: "127.0.0.1:3000" }))).toMatch(/does not match/);
    expect(crossOriginReason("POST", h({ origin: "null", host: "127.0.0.1:3000" }))).toMatch(/not a URL/);
  });

  it("accepts same-origin writes, behind a reverse proxy too, and non-browser clients", () => {
    expect(
      crossOriginReason("POST", h({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", "sec-fetch-site": "same-origin" })),
    ).toBeNull();
    expect(
      crossOriginReason("POST", h({ origin: "https://statelens.example", host: "10.0.0.5:3000", "x-forwarded-host": "statelens.example" })),
    ).toBeNull();
    expect(crossOriginReason("POST", h({ host: "127.0.0.1:3000" }))).toBeNull(); // curl, SDKs
  });
});

describe("content security policy", () => {
  it("allows scripts only from self and the nonce, never inline", () => {
    const nonce = createNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(nonce);
    const csp = contentSecurityPolicy(nonce);
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy(nonce, { dev: true })).toContain("'unsafe-eval'");
  });
});
