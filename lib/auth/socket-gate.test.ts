import { createServer, request as httpRequest, type Server } from "node:http";
import { networkInterfaces } from "node:os";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { GATE_HEADER, gateChecked } from "./gate-stamp";
import { installRequestGate } from "./install-request-gate";
import { gateRequest, isLoopbackAddress } from "./socket-gate";

const TOKEN = { STATELENS_TOKEN: "a-long-admin-token-123" };
const fake = (localAddress: string, headers: Record<string, string> = {}, remoteAddress = "198.51.100.7") => ({
  socket: { localAddress, remoteAddress },
  headers: { ...headers } as Record<string, string | string[] | undefined>,
});

describe("socket gate", () => {
  it("knows loopback addresses, also IPv4-mapped", () => {
    for (const a of ["127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["192.0.2.2", "::ffff:192.0.2.2", "fd00::2", "0.0.0.0", "127.0.0.1.evil", "", undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it("refuses a request that arrived on a non-loopback address when no access control is set, whatever its Host", () => {
    const refused = gateRequest(fake("192.0.2.2", { host: "localhost:3000" }), {});
    expect(refused?.status).toBe(403);
    expect(refused?.body).toMatch(/192\.0\.2\.2.*STATELENS_TOKEN/);
    const sdk = gateRequest(fake("::ffff:10.1.2.3", { host: "127.0.0.1:3000", "x-amz-target": "AWSStepFunctions.ListStateMachines" }), {});
    expect(sdk?.status).toBe(403);
    expect(JSON.parse(sdk!.body)).toMatchObject({ __type: "com.amazon.coral.service#AccessDeniedException" });
    expect(gateRequest(fake("127.0.0.1", { host: "localhost:3000" }), {})).toBeNull();
    expect(gateRequest(fake("::1"), {})).toBeNull();
    expect(gateRequest(fake("192.0.2.2"), TOKEN)).toBeNull(); // with a token, any address (the proxy asks for it)
    expect(gateRequest(fake("192.0.2.2"), { STATELENS_TOKEN: "short" })?.status).toBe(500);
  });

  it("drops client-written X-Forwarded-* unless STATELENS_TRUST_PROXY is set", () => {
    const spoofed = {
      "x-forwarded-for": "10.9.9.9",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-real-ip": "10.8.8.8",
      forwarded: "for=10.7.7.7",
    };
    const direct = fake("127.0.0.1", spoofed, "127.0.0.5");
    gateRequest(direct, {});
    expect(direct.headers).toMatchObject({ "x-forwarded-for": "127.0.0.5" });
    for (const name of ["x-forwarded-host", "x-forwarded-proto", "x-real-ip", "forwarded"])
      expect(direct.headers[name], name).toBeUndefined();
    const proxied = fake("127.0.0.1", spoofed, "127.0.0.5");
    gateRequest(proxied, { STATELENS_TRUST_PROXY: "1" });
    expect(proxied.headers).toMatchObject(spoofed);
  });

  it("stamps what it let through with a value a client cannot forge", () => {
    const env: Record<string, string | undefined> = {};
    const forged = fake("127.0.0.1", { [GATE_HEADER]: "made-up" });
    expect(gateChecked("made-up", env)).toBe(false);
    gateRequest(forged, env);
    expect(forged.headers[GATE_HEADER]).not.toBe("made-up");
    expect(gateChecked(forged.headers[GATE_HEADER] as string, env)).toBe(true);
  });
});

// A real server listening on every address of this machine: requests to loopback pass, requests
// to the machine's own non-loopback address are refused at the socket, before any handler runs.
const outside = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
let server: Server | undefined;
afterAll(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

describe.skipIf(!outside)("installed gate on a real server", () => {
  it(`refuses requests arriving on ${outside} without a token, even with Host: localhost`, async () => {
    const saved = { token: process.env.STATELENS_TOKEN, users: process.env.STATELENS_USERS };
    delete process.env.STATELENS_TOKEN;
    delete process.env.STATELENS_USERS;
    try {
      installRequestGate();
      installRequestGate(); // idempotent
      let handled = 0;
      server = createServer((_req, res) => {
        handled++;
        res.end("dashboard");
      });
      await new Promise<void>((resolve) => server!.listen(0, "0.0.0.0", resolve));
      const port = (server.address() as AddressInfo).port;
      const get = (host: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          httpRequest({ host, port, path: "/executions", headers: { Host: `localhost:${port}` } }, (res) => {
            let body = "";
            res.on("data", (c) => (body += c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          })
            .on("error", reject)
            .end();
        });
      expect(await get("127.0.0.1")).toEqual({ status: 200, body: "dashboard" });
      const refused = await get(outside!);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatch(/STATELENS_TOKEN/);
      expect(handled).toBe(1);
    } finally {
      if (saved.token !== undefined) process.env.STATELENS_TOKEN = saved.token;
      if (saved.users !== undefined) process.env.STATELENS_USERS = saved.users;
    }
  });
});
