import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/db/test-db";
import { saveExecution } from "@/lib/db/save-execution";
import { generateDemo } from "@/lib/examples/generate-demo";
import { hashOf } from "@/lib/examples/hash";

let close: () => Promise<void>;
let db: Awaited<ReturnType<typeof createTestDb>>["db"];
let POST: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let compare: (request: Request) => Promise<Response>;
let failedId = "";
let parallelId = "";

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  db = test.db;
  process.env.DATABASE_URL = test.target.url;
  for await (const execution of generateDemo({ count: 12, now: new Date("2026-02-01T00:00:00Z") })) {
    const saved = await saveExecution(db, execution);
    if (execution.name === "ecommerce-order-0010") failedId = saved.id;
    if (execution.name === "order-fulfillment-0005") parallelId = saved.id;
  }
  ({ POST } = await import("./route"));
  ({ GET: compare } = await import("../../../compare/route"));
}, 60_000);

afterAll(async () => {
  const { db: shared } = await import("@/lib/db/client");
  await shared().$disconnect();
  await close();
});

const replay = (id: string, body: unknown) =>
  POST(
    new Request(`http://127.0.0.1:3000/api/executions/${id}/replay`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-statelens-user": "ann", "x-statelens-role": "operator" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );

function payableOrderId(): string {
  for (let i = 0; ; i++) if (hashOf(`fixed-${i}pay`) % 10 !== 0 && hashOf(`fixed-${i}pay`) % 3 !== 0) return `fixed-${i}`;
}

describe("POST /api/executions/{id}/replay", () => {
  it("replays from a checkpoint with an edited input, stores the replay and returns its id and the diff", async () => {
    const original = await db.execution.findUniqueOrThrow({ where: { id: failedId }, select: { input: true } });
    const input = {
      ...JSON.parse(original.input!),
      inventory: { status: "IN_STOCK", warehouse: "fra-2", available: 12 },
      orderId: payableOrderId(),
    };
    const response = await replay(failedId, { from: "ProcessPayment", input });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      name: "ecommerce-order-0010-replay-1",
      status: "SUCCEEDED",
      diff: { status: { a: "FAILED", b: "SUCCEEDED", changed: true }, onlyInB: ["CreateShippingLabel"] },
    });
    const stored = await db.execution.findUniqueOrThrow({ where: { id: body.replayId } });
    expect(stored).toMatchObject({ source: "replay", replayOfId: failedId, status: "SUCCEEDED" });
    expect(JSON.parse(stored.replayEdits!).input.orderId).toBe(input.orderId);
    expect(await db.auditLog.findFirst({ where: { action: "replay" } })).toMatchObject({ actor: "ann" });

    const compared = await compare(new Request(`http://127.0.0.1:3000/api/compare?a=${failedId}&b=${body.replayId}`));
    expect(compared.status).toBe(200);
    expect((await compared.json()).diff).toEqual(JSON.parse(JSON.stringify(body.diff)));
  });

  it("replays from a state inside a Parallel branch (event id) and from a retried attempt (path)", async () => {
    const branch = await replay(parallelId, { from: 16 });
    expect(branch.status).toBe(200);
    expect(await branch.json()).toMatchObject({ status: "SUCCEEDED", diff: { identical: true } });
    const attempt = await replay(failedId, { from: "ProcessPayment@2" });
    expect(attempt.status).toBe(200);
    expect(await attempt.json()).toMatchObject({ status: "FAILED", diff: { identical: true } });
    const stored = await db.execution.findFirstOrThrow({ where: { replayOfId: parallelId } });
    expect(stored.status).toBe("SUCCEEDED");
  });

  it("answers 400 naming the bad field, 404 for an unknown execution", async () => {
    const issues = async (response: Response) => {
      expect(response.status).toBe(400);
      return ((await response.json()) as { issues: string[] }).issues.join("\n");
    };
    expect(await issues(await replay(failedId, "not json"))).toContain("(body)");
    expect(await issues(await replay(failedId, { from: "" }))).toMatch(/^from:/);
    expect(await issues(await replay(failedId, { missing: "sometimes" }))).toMatch(/^missing:/);
    expect(await issues(await replay(failedId, { patch: [{ op: "add" }] }))).toMatch(/^patch: .*"path" must be a JSON Pointer/);
    expect(await issues(await replay(failedId, { colour: "red" }))).toMatch(/colour|Unrecognized/);
    expect(await issues(await replay(failedId, { from: "Nowhere" }))).toMatch(/^from: cannot replay from Nowhere/);
    expect(await issues(await replay(failedId, { from: 3 }))).toMatch(
      /^from: cannot replay from 3: event 3 is not a state's entry or a retried attempt/,
    );
    expect(await issues(await replay(failedId, { from: "ProcessPayment@9" }))).toMatch(/^from: cannot replay from ProcessPayment@9/);
    expect(await issues(await replay(failedId, { patch: [{ op: "remove", path: "/missing" }] }))).toMatch(/^patch: patch operation 0/);
    expect(await issues(await replay(failedId, { definition: '{"StartAt":1}' }))).toMatch(/^definition: /);
    expect((await replay("nope", {})).status).toBe(404);
    expect((await compare(new Request("http://127.0.0.1:3000/api/compare?a=nope&b=x"))).status).toBe(404);
    expect((await compare(new Request("http://127.0.0.1:3000/api/compare?a=x"))).status).toBe(400);
  });
});
