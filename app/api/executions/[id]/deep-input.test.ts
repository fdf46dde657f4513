import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detailsOf } from "@/lib/asl/history/types";
import { saveExecution } from "@/lib/db/save-execution";
import type { EventDto } from "@/lib/model/execution";
import { createTestDb } from "@/lib/db/test-db";
import { executionFromHistoryFile } from "@/lib/ingest/sources/history-file";
import { deepObjectText } from "@/testing/json/deep-documents";

// One execution whose input is nested 10,000 levels deep, through storage, the API and replay.
const DEPTH = 10_000;
const input = deepObjectText(DEPTH);
const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
const history = JSON.stringify({
  events: [
    {
      id: 1,
      previousEventId: 0,
      type: "ExecutionStarted",
      timestamp: "2024-06-10T12:00:00Z",
      executionStartedEventDetails: { input, roleArn: "r" },
    },
    {
      id: 2,
      previousEventId: 1,
      type: "PassStateEntered",
      timestamp: "2024-06-10T12:00:00.5Z",
      stateEnteredEventDetails: { name: "P", input },
    },
    {
      id: 3,
      previousEventId: 2,
      type: "PassStateExited",
      timestamp: "2024-06-10T12:00:00.6Z",
      stateExitedEventDetails: { name: "P", output: input },
    },
    {
      id: 4,
      previousEventId: 3,
      type: "ExecutionSucceeded",
      timestamp: "2024-06-10T12:00:01Z",
      executionSucceededEventDetails: { output: input },
    },
  ],
});

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
let close: () => Promise<void>;
let id = "";
let GET: Handler;
let events: Handler;
let replay: Handler;

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  process.env.DATABASE_URL = test.target.url;
  id = (
    await saveExecution(test.db, executionFromHistoryFile(history, { fileName: "deep.history.json", definition, stateMachineName: "Deep" }))
  ).id;
  ({ GET } = await import("./route"));
  ({ GET: events } = await import("./events/route"));
  ({ POST: replay } = await import("./replay/route"));
}, 60_000);

afterAll(async () => {
  const { db: shared } = await import("@/lib/db/client");
  await shared().$disconnect();
  await close();
});

const call = (handler: Handler, init?: RequestInit) =>
  handler(
    new Request(`http://127.0.0.1:3000/api/executions/${id}`, {
      ...init,
      headers: { "content-type": "application/json", "x-statelens-user": "ann", "x-statelens-role": "operator" },
    }),
    { params: Promise.resolve({ id }) },
  );

describe("an input nested 10,000 levels deep", () => {
  it("is stored and served by the API as it came", async () => {
    const response = await call(GET);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.execution.input).toBe(input);
    const history = await (await call(events)).json();
    expect((history as EventDto[]).map((e) => detailsOf(e)?.input ?? null)).toEqual([input, input, null, null]);
  });

  it("is replayed with an edit at the bottom, and the replay is stored", async () => {
    const response = await call(replay, {
      method: "POST",
      body: JSON.stringify({ patch: [{ op: "replace", path: "/a".repeat(DEPTH), value: 2 }] }),
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 300)).toBe(200);
    const body = JSON.parse(text);
    expect(body.status).toBe("SUCCEEDED");
    const stored = await (await GET(new Request("http://x"), { params: Promise.resolve({ id: body.replayId }) })).json();
    expect(stored.execution.input).toBe(deepObjectText(DEPTH, "2"));
    expect(stored.execution.output).toBe(deepObjectText(DEPTH, "2"));
  });
});
