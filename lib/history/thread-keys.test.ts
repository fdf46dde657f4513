import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { HistoryEventJson } from "../asl/history/types";
import { generateDemo } from "../examples/generate-demo";
import { listHistoryIds, loadConformanceCases, loadHistory } from "../../testing/recorded-histories";
import { groupStateRuns } from "./group-state-runs";

interface Recorded {
  id: string;
  definition: Record<string, unknown> | string;
  events: HistoryEventJson[];
}

async function corpus(): Promise<Recorded[]> {
  const out: Recorded[] = [];
  for (const id of listHistoryIds()) {
    const h = loadHistory(id);
    out.push({ id: `history:${id}`, definition: h.definition, events: h.events });
  }
  for (const c of loadConformanceCases()) out.push({ id: `conformance:${c.id}`, definition: c.definition, events: c.events });
  for await (const e of generateDemo({ count: 200, now: new Date("2026-02-01T00:00:00Z") }))
    out.push({ id: `demo:${e.name}`, definition: e.definition!, events: e.events });
  return out;
}

/** `<thread>|<state>#<visit>`, the thread one segment per Map iteration or Parallel branch. */
const KEY = /^(\/[^/@|]+@\d+(\[(\d+|\?\d+)\]|\/b\d+))*\|[^|]*#\d+$/;

describe("thread keys of state runs", () => {
  it("line up runs as replay's diff has always aligned them, on every recorded history, conformance case and demo execution", async () => {
    const hash = createHash("sha256");
    let runs = 0;
    for (const { id, definition, events } of await corpus()) {
      const keys = groupStateRuns(events, definition).runs.map((r) => [r.enteredEventId, r.threadKey] as const);
      for (const [eventId, key] of keys) {
        expect(key, id).toMatch(KEY);
        hash.update(`${id} ${eventId} ${key}\n`);
      }
      expect(new Set(keys.map(([, key]) => key)).size, id).toBe(keys.length);
      runs += keys.length;
    }
    // The keys replay's own thread tracker gave these 2,617 runs before groupStateRuns took over
    // (lib/replay/state-runs.ts, removed): any change to a key changes this digest.
    expect(runs).toBe(2617);
    expect(hash.digest("hex")).toBe("42a153ceead6d67fcf5327a848899fe94c745eadb020f6da515cb648b82e1f84");
  });

  it("number a loop's visits and keep Map iterations and Parallel branches apart", () => {
    const definition = {
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Parallel",
          Branches: [
            { StartAt: "L", States: { L: { Type: "Pass", End: true } } },
            { StartAt: "R", States: { R: { Type: "Pass", End: true } } },
          ],
          Next: "Items",
        },
        Items: { Type: "Map", ItemProcessor: { StartAt: "Each", States: { Each: { Type: "Pass", End: true } } }, Next: "Again" },
        Again: { Type: "Choice", Choices: [], Default: "Items" },
      },
    };
    const types: [string, Record<string, unknown>?, number?][] = [
      ["ExecutionStarted", {}],
      ["ParallelStateEntered", { name: "Fan" }],
      ["ParallelStateStarted"],
      ["PassStateEntered", { name: "R" }],
      ["PassStateEntered", { name: "L" }, 3],
      ["PassStateExited", { name: "R" }, 4],
      ["PassStateExited", { name: "L" }, 5],
      ["ParallelStateSucceeded", {}, 7],
      ["ParallelStateExited", { name: "Fan" }],
      ["MapStateEntered", { name: "Items" }],
      ["MapStateStarted", { length: 1 }],
      ["MapIterationStarted", { name: "Items", index: 0 }],
      ["PassStateEntered", { name: "Each" }],
      ["PassStateExited", { name: "Each" }],
      ["MapIterationSucceeded", { name: "Items", index: 0 }],
      ["MapStateSucceeded"],
      ["MapStateExited", { name: "Items" }],
      ["ChoiceStateEntered", { name: "Again" }],
      ["ChoiceStateExited", { name: "Again" }],
      ["MapStateEntered", { name: "Items" }],
      ["MapStateStarted", { length: 1 }],
      ["MapIterationStarted", { name: "Items", index: 0 }],
      ["PassStateEntered", { name: "Each" }],
    ];
    const events: HistoryEventJson[] = types.map(([type, details, prev], i) => ({
      id: i + 1,
      previousEventId: prev ?? i,
      timestamp: new Date(1_000_000 + i).toISOString(),
      type,
      ...(details ? { [`${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`]: details } : {}),
    }));
    expect(groupStateRuns(events, definition).runs.map((r) => r.threadKey)).toEqual([
      "|Fan#1",
      "/Fan@1/b1|R#1",
      "/Fan@1/b0|L#1",
      "|Items#1",
      "/Items@1[0]|Each#1",
      "|Again#1",
      "|Items#2",
      "/Items@2[0]|Each#1",
    ]);
  });
});
