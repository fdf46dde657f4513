import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveExecution } from "@/lib/db/save-execution";
import { createTestDb } from "@/lib/db/test-db";
import { generateDemo } from "@/lib/examples/generate-demo";

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let close: () => Promise<void>;
let GET: Handler;
const ids: { failedSaga?: string; succeeded?: string } = {};

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  process.env.DATABASE_URL = test.target.url;
  for await (const execution of generateDemo({ count: 120, seed: 42, now: new Date("2026-11-01T00:00:00Z") })) {
    if (
      !ids.failedSaga &&
      execution.stateMachineName === "OrderFulfillment" &&
      execution.status === "FAILED" &&
      execution.error === "OrderFulfillmentFailed"
    ) {
      ids.failedSaga = (await saveExecution(test.db, execution)).id;
    } else if (!ids.succeeded && execution.status === "SUCCEEDED") {
      ids.succeeded = (await saveExecution(test.db, execution)).id;
    }
  }
  ({ GET } = await import("./route"));
}, 60_000);

afterAll(async () => {
  const { db: shared } = await import("@/lib/db/client");
  await shared().$disconnect();
  await close();
});

const get = async (id: string) =>
  (await GET(new Request(`http://127.0.0.1:3000/api/executions/${id}`), { params: Promise.resolve({ id }) })).json();

describe("GET /api/executions/{id}: rootCause", () => {
  it("names the state, error, attempts, Catch and chain of a failed execution", async () => {
    const body = await get(ids.failedSaga!);
    expect(body.rootCause).toMatchObject({
      state: "PrintShippingLabel",
      path: "PrintShippingLabel",
      error: "States.Timeout",
      attempts: 4,
      caughtBy: { state: "PrintShippingLabel", errorEquals: ["States.ALL"], next: "ReleaseInventory" },
    });
    expect(body.rootCause.chain.map((s: { role: string; state: string }) => `${s.role}:${s.state}`)).toEqual([
      "failed:PrintShippingLabel",
      "caught:PrintShippingLabel",
      "compensation:ReleaseInventory",
      "compensation:RefundCard",
      "terminal:OrderFailed",
    ]);
  });

  it("is null for an execution that succeeded", async () => {
    expect((await get(ids.succeeded!)).rootCause).toBeNull();
  });
});
