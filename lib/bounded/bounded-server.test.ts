import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveExecution } from "@/lib/db/save-execution";
import { createTestDb } from "@/lib/db/test-db";
import { generateDemo } from "@/lib/examples/generate-demo";

// The bar of issue 11 item 2, against a real server process (the dashboard's route handlers
// behind node:http, testing/bounded/route-server.ts): runaway input conditions, SFN-API
// executions and replays are stopped with an error naming the limit while plain requests keep
// being answered. Without the bounds the runaways pin the server and every request times out.
const RECURSIVE = "($f := function($n){ $f($n+1) }; $f(0))";
const HUGE = "$count($map([1..10000000], function($v){ $string($v) & '-and-some-padding' }))";
const LIMIT = /exceeded its (2 s time|64 MB memory) limit/;

let child: ChildProcess | undefined;
let base = "";
let close: () => Promise<void> = async () => {};
let replayable = "";

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  for await (const execution of generateDemo({ count: 12, now: new Date("2026-02-01T00:00:00Z") })) {
    const saved = await saveExecution(test.db, execution);
    replayable ||= saved.id;
  }
  child = spawn(process.execPath, ["--import", "tsx", "testing/bounded/route-server.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: test.target.url,
      STATELENS_EVAL_TIME_LIMIT_MS: "2000",
      STATELENS_EVAL_MEMORY_LIMIT_MB: "64",
      PORT: "0",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  base = await new Promise<string>((resolve, reject) => {
    let out = "";
    child!.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child!.on("exit", (code) => reject(new Error(`route server exited with ${code}`)));
  });
  // the server's first requests load the routes and the database client, and wait for its
  // evaluation workers to start (niced, on a busy machine): not what is measured
  await fetch(`${base}/api/executions?limit=1`);
  await Promise.all([fetch(`${base}${where("true")}`), fetch(`${base}${where("false")}`)]);
}, 120_000);

afterAll(async () => {
  child?.kill("SIGKILL");
  await close();
});

/** A request with its wall-clock time; aborted (status 0) after `ms`. */
async function timed(
  path: string,
  ms: number,
  init: RequestInit = {},
): Promise<{ status: number; ms: number; body: Record<string, unknown> }> {
  const start = performance.now();
  try {
    const response = await fetch(base + path, { ...init, signal: AbortSignal.timeout(ms) });
    const body = (await response.json()) as Record<string, unknown>;
    return { status: response.status, ms: performance.now() - start, body };
  } catch {
    return { status: 0, ms: performance.now() - start, body: {} };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const where = (condition: string) => `/api/executions?where=${encodeURIComponent(condition)}`;
const sfn = (operation: string, body: unknown) =>
  timed("/", 15_000, {
    method: "POST",
    headers: { "x-amz-target": `AWSStepFunctions.${operation}`, "content-type": "application/x-amz-json-1.0" },
    body: JSON.stringify(body),
  });
const runawayDefinition = JSON.stringify({
  QueryLanguage: "JSONata",
  StartAt: "Loop",
  States: { Loop: { Type: "Pass", Output: `{% ${RECURSIVE} %}`, End: true } },
});

/** Five plain list requests, 250 ms apart, each allowed 3 s. */
async function plainRequests(): Promise<{ status: number; ms: number }[]> {
  const requests: Promise<{ status: number; ms: number }>[] = [];
  for (let i = 0; i < 5; i++) {
    requests.push(timed("/api/executions?limit=20", 3_000));
    await sleep(250);
  }
  return Promise.all(requests);
}

describe("bounded evaluation on a running server", () => {
  it("answers plain list requests while a recursive and a huge-allocation filter run, and refuses both with 422 naming the limit", async () => {
    const runaways = [timed(where(RECURSIVE), 10_000), timed(where(HUGE), 10_000)];
    await sleep(300);
    const plain = await plainRequests();
    const [recursive, huge] = await Promise.all(runaways);
    console.log(
      `plain list requests during runaway filters: ${plain.map((p) => `${p.status} in ${p.ms.toFixed(0)} ms`).join(", ")}; recursive: ${recursive.status} in ${recursive.ms.toFixed(0)} ms (${recursive.body.error}); huge: ${huge.status} in ${huge.ms.toFixed(0)} ms (${huge.body.error})`,
    );
    for (const p of plain) expect(p).toMatchObject({ status: 200 });
    for (const runaway of [recursive, huge]) {
      expect(runaway.status).toBe(422);
      expect(runaway.body.error).toMatch(new RegExp(`^the input condition ${LIMIT.source}$`));
    }
    // the pool replaced the terminated workers: a normal condition is answered again
    const normal = await timed(where("$count($keys($)) > 0"), 10_000);
    expect(normal.status).toBe(200);
    expect((normal.body.executions as unknown[]).length).toBeGreaterThan(0);
  }, 60_000);

  it("fails a runaway JSONata execution started through the SFN API with States.Runtime naming the limit, and keeps answering", async () => {
    const created = await sfn("CreateStateMachine", {
      name: "runaway",
      roleArn: "arn:aws:iam::123456789012:role/r",
      definition: runawayDefinition,
    });
    expect(created.status).toBe(200);
    const started = sfn("StartExecution", { stateMachineArn: created.body.stateMachineArn });
    await sleep(300);
    const plain = await plainRequests();
    const { status, body, ms } = await started;
    console.log(
      `plain list requests during a runaway SFN execution: ${plain.map((p) => `${p.status} in ${p.ms.toFixed(0)} ms`).join(", ")}; StartExecution answered in ${ms.toFixed(0)} ms`,
    );
    expect(status).toBe(200);
    for (const p of plain) expect(p).toMatchObject({ status: 200 });
    // StartExecution answers after at most 2 s (settle); the execution ends by its limit
    let described = await sfn("DescribeExecution", { executionArn: body.executionArn });
    for (let i = 0; i < 40 && described.body.status === "RUNNING"; i++) {
      await sleep(250);
      described = await sfn("DescribeExecution", { executionArn: body.executionArn });
    }
    expect(described.body).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(described.body.cause).toMatch(
      new RegExp(
        `^The JSONata expression '${RECURSIVE.replace(/[$()[\]{}+.]/g, "\\$&")}' specified for the field 'Output' ${LIMIT.source}\\.$`,
      ),
    );
  }, 60_000);

  it("fails a replay with an edited runaway definition cleanly, off the request thread", async () => {
    const replay = timed(`/api/executions/${replayable}/replay`, 30_000, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ definition: runawayDefinition, missing: "fail" }),
    });
    await sleep(300);
    const plain = await plainRequests();
    const { status, body, ms } = await replay;
    console.log(
      `plain list requests during a runaway replay: ${plain.map((p) => `${p.status} in ${p.ms.toFixed(0)} ms`).join(", ")}; replay answered ${status} in ${ms.toFixed(0)} ms`,
    );
    for (const p of plain) expect(p).toMatchObject({ status: 200 });
    expect(status).toBe(200);
    expect(body.status).toBe("FAILED");
    const stored = await timed(`/api/executions?where=${encodeURIComponent("true")}&source=replay`, 10_000);
    expect((stored.body.executions as { error: string }[])[0]).toMatchObject({ error: "States.Runtime" });
  }, 60_000);
});
