import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveExecution } from "@/lib/db/save-execution";
import { createTestDb } from "@/lib/db/test-db";
import { executionFromHistoryFile } from "@/lib/ingest/sources/history-file";

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let close: () => Promise<void>;
let GET: Handler;
let events: Handler;
let replay: Handler;
let storedId = "";

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  process.env.DATABASE_URL = test.target.url;
  const history = JSON.stringify({
    events: [
      {
        id: 1,
        previousEventId: 0,
        type: "ExecutionStarted",
        timestamp: "2024-06-10T12:00:00Z",
        executionStartedEventDetails: { input: "{}" },
      },
    ],
  });
  storedId = (await saveExecution(test.db, executionFromHistoryFile(history, { fileName: "100%.history.json" }))).id;
  ({ GET } = await import("./route"));
  ({ GET: events } = await import("./events/route"));
  ({ POST: replay } = await import("./replay/route"));
}, 60_000);

afterAll(async () => {
  const { db: shared } = await import("@/lib/db/client");
  await shared().$disconnect();
  await close();
});

// Next.js hands the segment over decoded: /api/executions/%25 arrives as "%".
const call = (handler: Handler, id: string, init?: RequestInit) =>
  handler(new Request("http://127.0.0.1:3000/api/executions/x", init), { params: Promise.resolve({ id }) });

describe("GET /api/executions/{id} with malformed or hostile ids", () => {
  it("answers 404, not 500, for ids that are not valid percent-encoding", async () => {
    for (const id of ["%", "%E0%A4%A", "%zz", "arn:%", "%25%"]) {
      for (const handler of [GET, events]) {
        const response = await call(handler, id);
        expect(response.status, id).toBe(404);
        expect((await response.json()).error).toMatch(/not found$/);
      }
      const posted = await call(replay, id, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      expect(posted.status, id).toBe(404);
    }
  });

  it("still finds an execution by id, by ARN, and by a twice-encoded ARN", async () => {
    expect((await call(GET, storedId)).status).toBe(200);
    const arn = "arn:aws:states:local:000000000000:execution:imported:100%";
    expect((await (await call(GET, arn)).json()).execution.name).toBe("100%");
    expect((await call(events, encodeURIComponent(arn))).status).toBe(200);
  });

  it("strips control characters from the id quoted in the error", async () => {
    const body = await (await call(GET, "x\u001b[2J\u001b]0;title\u0007\r")).json();
    expect(body.error).toBe("execution x[2J]0;title not found");
  });
});
