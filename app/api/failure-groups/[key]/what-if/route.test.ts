import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureGroups } from "@/lib/db/failure-groups";
import { saveExecution } from "@/lib/db/save-execution";
import { createTestDb } from "@/lib/db/test-db";
import { declined, failingExecution, T0 } from "@/lib/db/test-failures";
import { whatIfGroup, type GroupWhatIfEvent } from "@/lib/replay/what-if-group";

type Ctx = Awaited<ReturnType<typeof createTestDb>>;
type Handler = (request: Request, context: { params: Promise<{ key: string }> }) => Promise<Response>;
let ctx: Ctx;
let whatIf: Handler;
let exportGroup: Handler;
let key = "";
const range = { since: new Date(T0 - 3_600_000).toISOString(), until: new Date(T0 + 6 * 3_600_000).toISOString() };

/** The fixture machine with a Catch on Charge: the recorded PaymentError is caught and the execution succeeds. */
const CAUGHT = JSON.stringify({
  StartAt: "Charge",
  States: {
    Charge: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Catch: [{ ErrorEquals: ["PaymentError"], Next: "Done" }],
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
});

beforeAll(async () => {
  ctx = await createTestDb();
  process.env.DATABASE_URL = ctx.target.url;
  for (const n of [1, 2, 3]) await saveExecution(ctx.db, failingExecution({ name: `d-${n}`, at: T0 + n * 60_000, failure: declined(n) }));
  await saveExecution(ctx.db, failingExecution({ name: "other", failure: { error: "Boom", cause: "x" } }));
  key = (await failureGroups(ctx.db, { since: new Date(range.since), until: new Date(range.until) })).groups[0].key;
  ({ POST: whatIf } = await import("./route"));
  ({ GET: exportGroup } = await import("../export/route"));
}, 60_000);

afterAll(async () => {
  const { db: shared } = await import("@/lib/db/client");
  await shared().$disconnect();
  await ctx.close();
});

async function collect(events: AsyncGenerator<GroupWhatIfEvent>): Promise<GroupWhatIfEvent[]> {
  const all: GroupWhatIfEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe("what-if over a failure group", () => {
  it("replays every execution of the group: unchanged they still fail, with a Catch they succeed", async () => {
    const ids = (await ctx.db.execution.findMany({ where: { failureKey: key }, select: { id: true } })).map((r) => r.id);
    const same = await collect(whatIfGroup(ctx.db, ids, {}));
    expect(same.at(-1)).toEqual({ type: "done", summary: { total: 3, nowSucceed: 0, stillFail: 3, problems: 0 } });
    const fixed = await collect(whatIfGroup(ctx.db, ids, { definition: CAUGHT }));
    const rows = fixed.flatMap((e) => (e.type === "row" ? [`${e.done}/${e.total} ${e.row.before} -> ${e.row.after}`] : []));
    expect(rows).toEqual(["1/3 FAILED -> SUCCEEDED", "2/3 FAILED -> SUCCEEDED", "3/3 FAILED -> SUCCEEDED"]);
    expect(fixed.at(-1)).toMatchObject({ summary: { nowSucceed: 3 } });
  });

  it("POST streams progress rows as NDJSON (bounded replays) and records an audit entry", async () => {
    const response = await whatIf(
      new Request("http://127.0.0.1/api/failure-groups/x/what-if", {
        method: "POST",
        body: JSON.stringify({ ...range, definition: CAUGHT }),
        headers: { "content-type": "application/json", "x-forwarded-for": "10.0.0.9" },
      }),
      { params: Promise.resolve({ key }) },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/ndjson/);
    const lines = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.type)).toEqual(["start", "row", "row", "row", "done"]);
    expect(lines.filter((l) => l.type === "row").map((l) => l.row.name)).toEqual(["d-1", "d-2", "d-3"]);
    expect(lines.at(-1).summary).toEqual({ total: 3, nowSucceed: 3, stillFail: 0, problems: 0 });
    const audit = await ctx.db.auditLog.findFirstOrThrow({ where: { action: "what-if" } });
    expect(audit.target).toBe("Orders");
    expect(JSON.parse(audit.details!)).toMatchObject({
      group: key,
      executions: 3,
      nowSucceed: 3,
      definitionEdited: true,
      inputEdited: false,
    });
  }, 60_000);

  it("refuses a definition that is not JSON and a group with nothing in range", async () => {
    const post = (k: string, body: unknown) =>
      whatIf(new Request("http://127.0.0.1/x", { method: "POST", body: JSON.stringify(body) }), { params: Promise.resolve({ key: k }) });
    expect((await post(key, { ...range, definition: "{nope" })).status).toBe(400);
    const unreachable = await post(key, {
      ...range,
      definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Succeed" }, B: { Type: "Succeed" } } }),
    });
    expect(unreachable.status).toBe(400);
    expect((await unreachable.json()).issues[0]).toMatch(/^definition: not valid: .*B.*not reachable/);
    expect((await post(key, { ...range, extra: 1 })).status).toBe(400);
    expect((await post("0000", range)).status).toBe(404);
  });

  it("exports the group as one regression suite, a test case per execution", async () => {
    const response = await exportGroup(new Request(`http://127.0.0.1/x?since=${range.since}&until=${range.until}`), {
      params: Promise.resolve({ key }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="Orders-[0-9a-f]{8}\.regression\.json"/);
    const suite = await response.json();
    expect(suite.testCases.map((t: { name: string; expected: { status: string } }) => `${t.name} ${t.expected.status}`)).toEqual([
      "d-1 FAILED",
      "d-2 FAILED",
      "d-3 FAILED",
    ]);
    expect(Object.keys(suite.definitions)).toEqual(["v1"]);
    expect(suite.mockConfig.StateMachines.Orders.TestCases["d-2"]).toEqual({ Charge: "Charge@d-2" });
    expect(suite.mockConfig.MockedResponses["Charge@d-2"]["0"].Throw.Error).toBe("PaymentError");
    expect(suite.mockConfig.MockedResponses["Charge@d-2"]["0"].Throw.Cause).toMatch(/Card 1002 declined/);
  });
});
