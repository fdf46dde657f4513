import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detailsOf } from "../asl/history/types";
import { executionFromHistoryFile } from "../ingest/sources/history-file";
import type { EventDto } from "../model/execution";
import { getExecution } from "./get-execution";
import { historyJson } from "./history-json";
import { listExecutions } from "./list-executions";
import { decodeNul, encodeNul } from "./nul-safe-pg";
import { saveExecution } from "./save-execution";
import { createTestDb } from "./test-db";

// U+0000 in every kind of stored string: PostgreSQL's text refuses it, so the pg client escapes it.
const NUL = "\u0000";
const jsonInput = '{"x":"a\\u0000b"}'; // a JSON payload: the NUL is escaped in its text
const rawInput = `not json ${NUL} at all`; // a payload that is not JSON: a raw NUL in the text
const error = `Err${NUL}or`;
const cause = `cause with ${NUL} and \uffff and \uffff0 inside`;
const state = `St${NUL}ate`;
const history = (input: string) =>
  JSON.stringify({
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
        stateEnteredEventDetails: { name: state, input },
      },
      {
        id: 3,
        previousEventId: 2,
        type: "ExecutionFailed",
        timestamp: "2024-06-10T12:00:01Z",
        executionFailedEventDetails: { error, cause },
      },
    ],
  });

describe("encodeNul / decodeNul", () => {
  it("round-trip any string and leave strings without U+0000 or U+FFFF alone", () => {
    for (const text of ["", "plain", NUL, `${NUL}${NUL}`, "\uffff", "\uffff0", `\uffff${NUL}\uffff\uffff0`, cause]) {
      expect(encodeNul(text)).not.toContain(NUL);
      expect(decodeNul(encodeNul(text))).toBe(text);
    }
    expect(encodeNul("plain é 😀")).toBe("plain é 😀");
  });
});

describe("a NUL character in stored data", () => {
  let ctx: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    ctx = await createTestDb();
  });
  afterAll(async () => {
    await ctx.close();
  });

  it("is stored and read back exactly, in payloads, errors, causes and state names", async () => {
    for (const [name, input] of [
      ["json-nul", jsonInput],
      ["raw-nul", rawInput],
    ]) {
      const { id, outcome } = await saveExecution(ctx.db, executionFromHistoryFile(history(input), { fileName: `${name}.history.json` }));
      expect(outcome).toBe("inserted");
      const stored = await getExecution(ctx.db, id);
      expect(stored).toMatchObject({ input, error, cause });
      expect(stored?.events.map((e) => e.stateName)).toEqual([null, state, state]);
      const events = JSON.parse(await historyJson(ctx.db, id)) as EventDto[];
      expect(detailsOf(events[0])?.input).toBe(input);
      expect(detailsOf(events[2])).toMatchObject({ error, cause });
      // stored once: the same file again is unchanged
      expect((await saveExecution(ctx.db, executionFromHistoryFile(history(input), { fileName: `${name}.history.json` }))).outcome).toBe(
        "unchanged",
      );
    }
  });

  it("is found by the search box and listed with its error", async () => {
    const page = await listExecutions(ctx.db, { q: `t json ${NUL} at`, limit: 10 });
    expect(page.rows.map((r) => r.name)).toEqual(["raw-nul"]);
    expect(page.rows[0].error).toBe(error);
  });
});
