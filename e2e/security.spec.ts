import { expect, test, type Page } from "@playwright/test";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { hashPassword } from "../lib/auth/password-hash";

// Hostile payloads must show as text everywhere; the CSP must carry a nonce and no 'unsafe-inline'
// for scripts while pages still hydrate; cross-origin writes are refused; roles hold (a second
// server with a users file). The server under test is the one playwright.config.ts starts.
const ROOT = path.resolve(import.meta.dirname, "..");
const DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:data/e2e.db";
const PORT = Number(process.env.E2E_PORT ?? 3210);
const IMG = `"><img src=x onerror="window.__pwned=1">`;
const SCRIPT = "<script>window.__pwned=1</script>";
const STATE_A = "<img src=x onerror=window.__pwned=1>";
const STATE_B = `"><script>window.__pwned=1</script>`;
let tmp: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "statelens-e2e-security-"));
  const t = (s: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, s)).toISOString();
  const payload = JSON.stringify({ html: SCRIPT, attr: IMG, nested: { [IMG]: [SCRIPT] } });
  const definition = {
    Comment: SCRIPT,
    StartAt: STATE_A,
    States: {
      [STATE_A]: { Type: "Pass", Comment: IMG, Next: STATE_B },
      [STATE_B]: { Type: "Fail", Error: SCRIPT, Cause: IMG },
    },
  };
  const events = [
    {
      id: 1,
      previousEventId: 0,
      timestamp: t(0),
      type: "ExecutionStarted",
      executionStartedEventDetails: { input: payload, roleArn: "arn:aws:iam::111111111111:role/x" },
    },
    { id: 2, previousEventId: 0, timestamp: t(1), type: "PassStateEntered", stateEnteredEventDetails: { name: STATE_A, input: payload } },
    { id: 3, previousEventId: 2, timestamp: t(2), type: "PassStateExited", stateExitedEventDetails: { name: STATE_A, output: payload } },
    { id: 4, previousEventId: 3, timestamp: t(3), type: "FailStateEntered", stateEnteredEventDetails: { name: STATE_B, input: payload } },
    { id: 5, previousEventId: 4, timestamp: t(4), type: "ExecutionFailed", executionFailedEventDetails: { error: SCRIPT, cause: IMG } },
  ];
  writeFileSync(path.join(tmp, "xss.definition.json"), JSON.stringify(definition));
  writeFileSync(path.join(tmp, "xss.history.json"), JSON.stringify({ events }));
  execFileSync(
    process.execPath,
    [
      "bin/statelens.mjs",
      "import",
      path.join(tmp, "xss.history.json"),
      "--definition",
      path.join(tmp, "xss.definition.json"),
      "--name",
      "xss-probe",
      "--state-machine",
      "XssMachine",
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
});

test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Records dialogs and CSP violations; `check()` asserts nothing ran and nothing was blocked. */
async function guard(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  return async (where: string) => {
    const state = await page.evaluate(() => {
      const w = window as unknown as { __pwned?: unknown; __violations: string[] };
      return {
        pwned: w.__pwned ?? null,
        violations: w.__violations,
        injected: document.querySelectorAll("main script, main img[onerror]").length,
      };
    });
    expect(state.pwned, `${where}: a payload ran`).toBeNull();
    expect(dialogs, `${where}: a dialog opened`).toEqual([]);
    expect(state.injected, `${where}: payload markup reached the DOM`).toBe(0);
    expect(state.violations, `${where}: the CSP blocked something (Next.js scripts without the nonce?)`).toEqual([]);
  };
}

test("hostile payloads stay text on list, detail, inspector, timeline, compare and state machine pages", async ({ page }) => {
  const check = await guard(page);
  await page.goto("/executions?q=%3Cscript%3E");
  await expect(page.getByTestId("execution-row").first()).toBeVisible();
  await check("list ?q=<script>");
  const demoHref = await page.getByTestId("execution-row").first().getByTestId("execution-link").getAttribute("href");

  await page.goto("/executions?q=xss-probe");
  await page.getByTestId("execution-row").first().getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-detail")).toBeVisible();
  await expect(page.getByTestId("execution-error")).toContainText(SCRIPT);
  await check("detail");
  const probeId = new URL(page.url()).pathname.split("/").pop()!;

  // Graph (client-rendered: proves hydration under the CSP) and the inspector of a hostile state name.
  const node = page.locator('[data-testid^="graph-node-"]').filter({ hasText: "<img" }).first();
  await expect(node).toBeVisible();
  await node.click();
  await expect(page.getByTestId("state-inspector")).toContainText(STATE_A);
  await check("inspector");

  const timeline = page.getByTestId("execution-timeline");
  await expect(timeline).toBeVisible();
  const bar = timeline.locator('[data-testid^="timeline-bar-"]').first();
  if (await bar.count()) await bar.hover();
  await check("timeline");

  // Compare the probe with a demo execution that carries hostile input too.
  await page.goto(`/compare?a=${probeId}&b=${demoHref!.split("/").pop()}`);
  await expect(page.locator("main")).toContainText("xss-probe");
  await page.waitForLoadState("networkidle");
  await check("compare");

  await page.goto("/state-machines");
  await page.getByTestId("state-machine-row").filter({ hasText: "XssMachine" }).getByRole("link").first().click();
  // Charts (recharts, client-rendered) with the hostile error name in a legend.
  await expect(page.getByRole("figure", { name: "Failures by error" })).toContainText(SCRIPT);
  await check("state machine over time");

  // Hydrated: a client effect reacts to input.
  await page.getByTestId("theme-toggle").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

test("the CSP has a fresh nonce and no 'unsafe-inline' for scripts", async ({ page }) => {
  const first = await page.goto("/executions");
  const second = await page.goto("/executions");
  const directive = (csp: string | null) =>
    csp
      ?.split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  const a = directive(first!.headers()["content-security-policy"] ?? null);
  const b = directive(second!.headers()["content-security-policy"] ?? null);
  expect(a).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'$/);
  expect(a).not.toContain("unsafe-inline");
  expect(a).not.toBe(b);
  const html = await second!.text();
  const nonce = b.match(/'nonce-([^']+)'/)![1];
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
});

test("cross-origin writes are refused, same-origin ones are not", async ({ request }) => {
  const evil = await request.post("/api/auth/logout", { headers: { Origin: "http://evil.example" }, maxRedirects: 0 });
  expect(evil.status()).toBe(403);
  expect(await evil.json()).toMatchObject({ error: "cross-origin request refused" });
  const site = await request.post("/api/auth/logout", { headers: { "Sec-Fetch-Site": "cross-site" }, maxRedirects: 0 });
  expect(site.status()).toBe(403);
  const same = await request.post("/api/auth/logout", {
    headers: { Origin: `http://127.0.0.1:${PORT}`, "Sec-Fetch-Site": "same-origin" },
    maxRedirects: 0,
  });
  expect(same.status()).toBe(303);
});

test("without access control only requests addressed to localhost are served (no DNS rebinding)", async () => {
  const status = (host: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port: PORT, path: "/api/executions", headers: { Host: host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject);
    });
  expect(await status(`127.0.0.1:${PORT}`)).toBe(200);
  expect(await status("evil.example")).toBe(403);
});

test.describe("with a users file", () => {
  const AUTH_PORT = PORT + 1;
  const TOKEN = randomBytes(18).toString("base64url");
  let server: ChildProcess | undefined;
  const base = `http://127.0.0.1:${AUTH_PORT}`;

  test.beforeAll(async () => {
    const fast = { N: 1024, r: 8, p: 1 };
    const users = [
      { user: "vic", role: "viewer", passwordHash: await hashPassword("vic-password", fast) },
      { user: "ana", role: "operator", passwordHash: await hashPassword("ana-password", fast) },
      { user: "root", role: "admin", passwordHash: await hashPassword("root-password", fast) },
    ];
    writeFileSync(path.join(tmp, "users.json"), JSON.stringify(users));
    server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(AUTH_PORT), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL,
        STATELENS_USERS: path.join(tmp, "users.json"),
        STATELENS_SECRET: randomBytes(24).toString("hex"),
        STATELENS_TOKEN: TOKEN,
        // the first server holds the engine's state in this store: a second dashboard keeps its own in memory
        STATELENS_ENGINE_STATE: "memory",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: "ignore",
    });
    for (let i = 0; i < 120; i++) {
      if (
        await fetch(`${base}/login`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error("the second server did not start");
  });
  test.afterAll(() => {
    server?.kill("SIGTERM");
  });

  async function signIn(page: Page, user: string, password: string) {
    await page.goto(`${base}/executions`);
    await expect(page).toHaveURL(/\/login\?next=/);
    await page.locator('input[name="user"]').fill(user);
    await page.locator('input[name="password"]').fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  test("pages and APIs need a session or the token", async ({ request }) => {
    expect((await request.get(`${base}/api/executions`)).status()).toBe(401);
    const page = await request.get(`${base}/executions`, { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers().location).toContain("/login?next=%2Fexecutions");
    expect((await request.get(`${base}/api/executions`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status()).toBe(200);
    expect((await request.get(`${base}/api/executions`, { headers: { Authorization: "Bearer wrong-token-wrong" } })).status()).toBe(401);
  });

  test("a viewer reads but may not operate or audit", async ({ page }) => {
    await signIn(page, "vic", "vic-password");
    await expect(page.getByTestId("execution-row").first()).toBeVisible();
    const sfn = await page.request.post(`${base}/api/sfn`, {
      headers: { Origin: base, "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions.ListStateMachines" },
      data: "{}",
    });
    expect(sfn.status()).toBe(403);
    expect(await sfn.json()).toMatchObject({ __type: "com.amazon.coral.service#AccessDeniedException" }); // as AWS refuses, for the SDK
    const viaRoot = await page.request.post(`${base}/`, {
      headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions.ListStateMachines" },
      data: "{}",
    });
    expect(viaRoot.status()).toBe(403); // POST / with X-Amz-Target is the SFN API too
    expect((await page.request.get(`${base}/api/audit`)).status()).toBe(403);
    expect((await page.request.get(`${base}/audit`)).status()).toBe(403);
  });

  test("an operator may call the SFN API; an admin sees every sign-in in the audit log, as text", async ({ page, browser }) => {
    const operator = await browser.newPage();
    await signIn(operator, "ana", "ana-password");
    await expect(operator.getByTestId("execution-row").first()).toBeVisible();
    const sfn = await operator.request.post(`${base}/api/sfn`, {
      headers: { Origin: base, "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions.ListStateMachines" },
      data: "{}",
    });
    expect(sfn.status()).not.toBe(403);
    expect(sfn.status()).not.toBe(401);
    const viaRoot = await operator.request.post(`${base}/`, {
      headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions.ListStateMachines" },
      data: "{}",
    });
    expect(viaRoot.status()).toBe(200);
    expect(await viaRoot.json()).toHaveProperty("stateMachines");
    await operator.close();

    const check = await guard(page);
    await page.goto(`${base}/login`);
    await page.locator('input[name="user"]').fill(IMG);
    await page.locator('input[name="password"]').fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toContainText("not valid");
    await signIn(page, "root", "root-password");
    await page.goto(`${base}/audit`);
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toBeVisible();
    await expect(page.getByTestId("audit-table")).toContainText(IMG);
    await check("audit page");
    await page.getByTestId("audit-filter-action").selectOption("login-failed");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/action=login-failed/);
    for (const action of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-action"))))
      expect(action).toBe("login-failed");
    const api = await page.request.get(`${base}/api/audit?action=login`);
    const users = ((await api.json()).entries as { actor: string }[]).map((e) => e.actor);
    expect(users).toEqual(expect.arrayContaining(["vic", "ana", "root"]));
    expect((await page.request.get(`${base}/api/audit?limit=0`)).status()).toBe(400);
  });
});
