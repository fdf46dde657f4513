import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReaders } from "./reader-pool";

let server: http.Server;
let base: string;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(req.url === "/boom" ? 500 : 200).end("ok");
    }, 5);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("runReaders", () => {
  it("runs the readers concurrently, bounded by count, and records statuses", async () => {
    const samples = await runReaders({
      baseUrl: base,
      readers: 8,
      durationMs: 10_000,
      maxRequests: 80,
      next: (r, i) => ({ path: (r + i) % 4 ? "/ok" : "/boom", kind: "api" }),
    });
    expect(samples).toHaveLength(80);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(8);
    expect(samples.filter((s) => s.status === 500).length).toBeGreaterThan(0);
    expect(samples.every((s) => s.error === "" && s.ms > 0)).toBe(true);
  });

  it("stops at the deadline and records refused connections as errors", async () => {
    const started = Date.now();
    const samples = await runReaders({
      baseUrl: "http://127.0.0.1:9",
      readers: 2,
      durationMs: 300,
      maxRequests: 1_000_000,
      next: () => ({ path: "/", kind: "page" }),
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.error !== "" && s.status === 0)).toBe(true);
  });

  it("loads loopback addresses only", async () => {
    await expect(
      runReaders({ baseUrl: "http://example.com", readers: 1, durationMs: 10, maxRequests: 1, next: () => ({ path: "/", kind: "page" }) }),
    ).rejects.toThrow(/loopback/);
  });
});
