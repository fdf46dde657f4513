import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../asl/history/types";
import { checkpoints } from "./checkpoints";
import type { ReplayEvent } from "./history-threads";
import { replayExecution, type ReplaySource } from "./replay-execution";
import { fnInvoker, NESTED, record } from "../../testing/replay/record";

const PASSES = new Set<PropertyKey>([
  Symbol.iterator,
  "find",
  "filter",
  "map",
  "forEach",
  "some",
  "every",
  "findIndex",
  "reduce",
  "entries",
]);

/** The recording's events, counting how often a replay goes over them (for-of or an array method). */
function counted(events: readonly ReplayEvent[]): { events: readonly ReplayEvent[]; passes: () => number } {
  let passes = 0;
  const proxy = new Proxy(events, {
    get(target, key, receiver) {
      if (PASSES.has(key)) passes++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { events: proxy, passes: () => passes };
}

const plain = (events: readonly HistoryEvent[]) => events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));

describe("a replay reads its recording", () => {
  const answer = fnInvoker((r) => (r.stateName === "Prepare" ? { value: 1 } : r.parameters));
  const input = { n: 0, items: [{ k: "a" }, { k: "b" }] };

  it("in one pass from the start and from a checkpoint given by event id, in two from one given by name", async () => {
    const recording: ReplaySource = await record(NESTED, input, answer);
    const nested = checkpoints(recording.events, recording.definition).find((c) => c.path.length > 0)!;
    for (const [from, expected] of [
      [undefined, 1],
      [nested.eventId, 1],
      [String(nested.eventId), 1],
      [nested.ref, 2],
    ] as const) {
      const { events, passes } = counted(recording.events);
      const replay = await replayExecution({ ...recording, events }, from === undefined ? {} : { from });
      expect(plain(replay.events), String(from)).toEqual(plain(recording.events as HistoryEvent[]));
      expect(passes(), String(from)).toBe(expected);
    }
  });

  it("still says which checkpoints there are when an event id is none, and refuses a blank one", async () => {
    const recording = await record(NESTED, input, answer);
    await expect(replayExecution(recording, { from: " " })).rejects.toThrow(/no state entry matches ""/);
    await expect(replayExecution(recording, { from: 1 })).rejects.toThrow(
      /cannot replay from 1: event 1 is not a state's entry or a retried attempt\. Checkpoints: 2 Prepare/,
    );
  });
});
