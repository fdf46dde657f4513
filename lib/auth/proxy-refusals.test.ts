import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAuthSession } from "@/lib/db/auth-sessions";
import { createTestDb } from "@/lib/db/test-db";
import { GATE_HEADER, gateStamp } from "./gate-stamp";
import { hashPassword } from "./password-hash";
import { SESSION_COOKIE, newSessionId, sessionCookie, sessionKey } from "./session";

const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-proxy-"));
const TOKEN = "a-long-admin-token-123";
const SECRET = "a-session-secret-of-some-length";
const saved = { ...process.env };
let test: Awaited<ReturnType<typeof createTestDb>>;
let proxy: (request: NextRequest) => Promise<Response>;

beforeAll(async () => {
  test = await createTestDb();
  process.env.DATABASE_URL = test.target.url;
  writeFileSync(
    path.join(dir, "users.json"),
    JSON.stringify([{ user: "vic", role: "viewer", passwordHash: await hashPassword("pw", { N: 1024, r: 8, p: 1 }) }]),
  );
  ({ proxy } = await import("@/proxy"));
});
afterEach(() => {
  for (const key of ["STATELENS_TOKEN", "STATELENS_USERS", "STATELENS_SECRET"]) delete process.env[key];
});
afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
  await test.close();
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

const sfnCall = (headers: Record<string, string> = {}, url = "http://127.0.0.1:3000/") =>
  new NextRequest(url, {
    method: "POST",
    headers: {
      host: "127.0.0.1:3000",
      "x-amz-target": "AWSStepFunctions.StartExecution",
      "content-type": "application/x-amz-json-1.0",
      ...headers,
    },
    body: "{}",
  });

describe("proxy refusals", () => {
  it("refuses SFN API calls without credentials as AWS does (UnrecognizedClientException, 403)", async () => {
    process.env.STATELENS_TOKEN = TOKEN;
    for (const request of [
      sfnCall(),
      sfnCall({ authorization: "Bearer wrong-token-wrong" }),
      sfnCall({}, "http://127.0.0.1:3000/api/sfn"),
    ]) {
      const response = await proxy(request);
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toBe("application/x-amz-json-1.0");
      expect(await response.json()).toEqual({
        __type: "com.amazon.coral.service#UnrecognizedClientException",
        message: expect.stringMatching(/Bearer/),
      });
    }
    expect((await proxy(sfnCall({ authorization: `Bearer ${TOKEN}` }))).status).toBe(200); // rewritten to /api/sfn
    const page = await proxy(new NextRequest("http://127.0.0.1:3000/api/executions", { headers: { host: "127.0.0.1:3000" } }));
    expect(page.status).toBe(401); // other APIs keep their JSON shape
    expect(await page.json()).toEqual({ error: "authentication required" });
  });

  it("refuses a signed-in viewer's SFN call with AccessDeniedException naming the action", async () => {
    Object.assign(process.env, { STATELENS_USERS: path.join(dir, "users.json"), STATELENS_SECRET: SECRET });
    const id = newSessionId();
    await createAuthSession(test.db, {
      id: await sessionKey(id),
      user: "vic",
      role: "viewer",
      method: "password",
      expiresAt: new Date(Date.now() + 60_000),
    });
    const response = await proxy(sfnCall({ cookie: `${SESSION_COOKIE}=${await sessionCookie(id, SECRET)}` }));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      __type: "com.amazon.coral.service#AccessDeniedException",
      message: expect.stringMatching(/vic is not authorized to perform: states:StartExecution.*operator/),
    });
  });

  it("in local mode, serves only requests the socket gate stamped and addressed to localhost", async () => {
    const stamp = gateStamp();
    const get = (headers: Record<string, string>) =>
      proxy(new NextRequest("http://127.0.0.1:3000/api/executions", { headers: { host: "127.0.0.1:3000", ...headers } }));
    expect((await get({ [GATE_HEADER]: stamp })).status).toBe(200);
    const unstamped = await get({});
    expect(unstamped.status).toBe(503);
    expect((await unstamped.json()).error).toMatch(/request gate/);
    expect((await get({ [GATE_HEADER]: "guessed" })).status).toBe(503);
    expect((await get({ [GATE_HEADER]: stamp, host: "evil.example" })).status).toBe(403);
    const sdk = await proxy(sfnCall({ host: "evil.example", [GATE_HEADER]: stamp }));
    expect(await sdk.json()).toMatchObject({ __type: "com.amazon.coral.service#AccessDeniedException" });
  });
});
