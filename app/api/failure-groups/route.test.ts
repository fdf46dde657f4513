import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveExecution } from "@/lib/db/save-execution";
import { createTestDb } from "@/lib/db/test-db";
import { declined, failingExecution, T0 } from "@/lib/db/test-failures";

let close: () => Promise<void>;
let GET: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  process.env.DATABASE_URL = test.target.url;
  for (const n of [1, 2, 3]) await saveExecution(test.db, failingExecution({ name: `d-${n}`, at: T0 + n * 60_000, failure: declined(n) }));
  await saveExecution(test.db, failingExecution({ name: "b-1", machine: "Billing", failure: { error: "Boom", cause: "boom 1" } }));
  await saveExecution(test.db, failingExecution({ name: "ok", failure: "success" }));
  ({ GET } = await import("./route"));
}, 60_000);

afterAll(async () => {
  const { db: shared } = await import("@/lib/db/client");
  await shared().$disconnect();
  await close();
});

const get = (query: string) => GET(new Request(`http://127.0.0.1:3000/api/failure-groups?${query}`));
const range = `since=${new Date(T0 - 3_600_000).toISOString()}&until=${new Date(T0 + 3_600_000).toISOString()}`;

describe("GET /api/failure-groups", () => {
  it("answers the groups of the range, largest first, with their executions", async () => {
    const response = await get(range);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.groups.map((g: { count: number; state: string; error: string }) => `${g.count} ${g.state} ${g.error}`)).toEqual([
      "3 Charge PaymentError",
      "1 Charge Boom",
    ]);
    const [first] = body.groups;
    expect(first).toMatchObject({
      cause: "Card <n> declined (request <uuid>) at <time>",
      firstSeen: new Date(T0 + 60_000).toISOString(),
      lastSeen: new Date(T0 + 180_000).toISOString(),
      versions: [1],
      stateMachine: { name: "Orders" },
    });
    expect(first.executionIds).toHaveLength(3);
    expect(typeof first.key).toBe("string");
  });

  it("filters by state machine name and by range", async () => {
    const billing = await (await get(`${range}&stateMachine=Billing`)).json();
    expect(billing.groups.map((g: { error: string }) => g.error)).toEqual(["Boom"]);
    const later = await (
      await get(`since=${new Date(T0 + 2 * 60_000).toISOString()}&until=${new Date(T0 + 3_600_000).toISOString()}`)
    ).json();
    expect(later.groups.map((g: { count: number }) => g.count)).toEqual([2]);
  });

  it("answers 400 for a bad range and 404 for an unknown state machine", async () => {
    expect((await get("since=yesterday")).status).toBe(400);
    expect((await get(`since=${new Date(T0).toISOString()}&until=${new Date(T0 - 1).toISOString()}`)).status).toBe(400);
    expect((await get("bogus=1")).status).toBe(400);
    const missing = await get("stateMachine=%3Cscript%3E");
    expect(missing.status).toBe(404);
  });
});
