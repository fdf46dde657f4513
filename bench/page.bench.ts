/**
 * Execution page open time in Chromium for an execution with ~25,000 history events (AWS's
 * maximum), run on the local engine, against the same page for a small execution measured in the
 * same run (the peer). Target: the large page ready (graph nodes and event rows drawn) < 1.5 s.
 * The production build in .next is reused only when no source under app/, components/ or lib/ is
 * newer than it (PAGE_BENCH_REUSE_BUILD=1 reuses any build); PAGE_BENCH_PORT moves the server.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { runExecution } from "../lib/asl";
import { createDb } from "../lib/db/client";
import { resolveDatabaseUrl } from "../lib/db/database-url";
import { migrate } from "../lib/db/migrate";
import { saveExecution } from "../lib/db/save-execution";
import { handlerInvoker } from "../lib/examples/handler-invoker";
import { executionFromResult } from "../lib/local/execution-from-result";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.PAGE_BENCH_PORT ?? 3291);
const RUNS = 7;

const mapDefinition = {
  StartAt: "Load",
  States: {
    Load: { Type: "Pass", Next: "Process" },
    Process: {
      Type: "Map",
      ItemsPath: "$.items",
      MaxConcurrency: 10,
      ItemProcessor: {
        StartAt: "Work",
        States: { Work: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:Work", End: true } },
      },
      ResultPath: null,
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

async function store(db: ReturnType<typeof createDb>, name: string, items: number) {
  const input = { items: Array.from({ length: items }, (_, i) => ({ order: i })) };
  const executionArn = `arn:aws:states:local:000000000000:execution:PageBench:${name}`;
  const stateMachineArn = "arn:aws:states:local:000000000000:stateMachine:PageBench";
  const result = await runExecution({
    definition: mapDefinition,
    input,
    context: { executionArn, executionName: name, stateMachineArn, stateMachineName: "PageBench" },
    taskInvoker: handlerInvoker({ Work: (x: { order: number }) => ({ done: x.order }) }),
  });
  const saved = await saveExecution(
    db,
    executionFromResult(result, {
      executionArn,
      name,
      stateMachineArn,
      stateMachineName: "PageBench",
      definition: JSON.stringify(mapDefinition),
      input,
    }),
  );
  return { id: saved.id, events: result.events.length };
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("the dashboard server exited");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the dashboard server did not start in 120 s");
}

/** Newest modification time (ms) of the sources the dashboard is built from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(tsx?|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  if (process.env.PAGE_BENCH_REUSE_BUILD === "1") return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "components", "lib"].every((dir) => newestSource(path.join(ROOT, dir)) <= built);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-page-bench-"));
  try {
    return await measure(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(dir: string): Promise<Record<string, unknown>> {
  const target = resolveDatabaseUrl(`file:${path.join(dir, "bench.db")}`);
  await migrate(target);
  const db = createDb(target);
  const large = await store(db, "large", 3570);
  const small = await store(db, "small", 1);
  await db.$disconnect();
  if (!buildIsCurrent()) {
    console.log("page bench: building the dashboard (no build, or sources newer than it)");
    const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // the browser first: if it cannot start, no server is left behind
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const server = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: target.url, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "ignore",
    },
  );
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/executions`, server);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const open = async (id: string) => {
      const started = performance.now();
      await page.goto(`http://127.0.0.1:${PORT}/executions/${id}`, { waitUntil: "commit" });
      await page.locator(".react-flow__node").first().waitFor({ state: "visible", timeout: 30_000 });
      await page.locator('[data-testid^="event-row-"]').first().waitFor({ state: "visible", timeout: 30_000 });
      return performance.now() - started;
    };
    await open(small.id); // warm the server
    await open(large.id);
    const largeTimes: number[] = [];
    const smallTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      smallTimes.push(await open(small.id));
      largeTimes.push(await open(large.id));
    }
    const result = {
      largeEvents: large.events,
      smallEvents: small.events,
      largeMedianMs: Math.round(median(largeTimes)),
      largeRangeMs: [Math.round(Math.min(...largeTimes)), Math.round(Math.max(...largeTimes))],
      smallMedianMs: Math.round(median(smallTimes)),
      ratio: Math.round((median(largeTimes) / median(smallTimes)) * 100) / 100,
      targetMs: 1500,
    };
    console.log(
      `execution page in Chromium: ${result.largeEvents} events ${result.largeMedianMs} ms (median of ${RUNS}, ${result.largeRangeMs.join("-")}) vs ${result.smallEvents} events ${result.smallMedianMs} ms: ${result.ratio}x; target < ${result.targetMs} ms: ${result.largeMedianMs < result.targetMs ? "met" : "MISSED"}`,
    );
    return result;
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
