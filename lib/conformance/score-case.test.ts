import { describe, expect, it } from "vitest";
import type { ConformanceCase, RecordedEvent } from "./case-types";
import { maskRun, type MaskedRun, type RawRun } from "./mask-run";
import { scoreCase } from "./score-case";

const REQUEST_ID = "5b2e1f0a-1c2d-4e3f-8a9b-0c1d2e3f4a5b";

/** A recorded case in the recording's masked form. */
function recordedCase(overrides: Partial<ConformanceCase> = {}): ConformanceCase {
  const events: RecordedEvent[] = [
    {
      type: "ExecutionStarted",
      id: 1,
      previousEventId: 0,
      timestamp: "timestamp",
      executionStartedEventDetails: { input: { n: 1 }, inputDetails: { truncated: false }, roleArn: "snf_role_arn" },
    },
    {
      type: "PassStateExited",
      id: 2,
      previousEventId: 1,
      timestamp: "timestamp",
      stateExitedEventDetails: { name: "P", output: { n: 1, at: "date", requestId: "<uuid:1>" }, outputDetails: { truncated: false } },
    },
    {
      type: "ExecutionSucceeded",
      id: 3,
      previousEventId: 2,
      timestamp: "timestamp",
      executionSucceededEventDetails: { output: { n: 1, at: "date", requestId: "<uuid:1>" }, outputDetails: { truncated: false } },
    },
  ];
  return {
    id: "synthetic",
    feature: "base",
    tags: ["pass"],
    pure: true,
    services: [],
    definition: {},
    input: { n: 1 },
    expected: { status: "SUCCEEDED", output: { n: 1, at: "date", requestId: "<uuid:1>" }, events },
    file: "pure/synthetic.json",
    ...overrides,
  };
}

/** What an interpreter emits for it: Dates, JSON text payloads, a real UUID and date. */
function interpreterRun(): RawRun {
  const output = JSON.stringify({ n: 1, at: "2024-03-01T12:00:00.000Z", requestId: REQUEST_ID });
  const ts = new Date("2024-03-01T12:00:00.000Z");
  return {
    status: "SUCCEEDED",
    output: JSON.parse(output),
    events: [
      {
        timestamp: ts,
        type: "ExecutionStarted",
        id: 1,
        previousEventId: 0,
        executionStartedEventDetails: { input: '{"n":1}', inputDetails: { truncated: false }, roleArn: "snf_role_arn" },
      },
      {
        timestamp: ts,
        type: "PassStateExited",
        id: 2,
        previousEventId: 1,
        stateExitedEventDetails: { name: "P", output, outputDetails: { truncated: false } },
      },
      {
        timestamp: ts,
        type: "ExecutionSucceeded",
        id: 3,
        previousEventId: 2,
        executionSucceededEventDetails: { output, outputDetails: { truncated: false } },
      },
    ],
  };
}

/** The same run compared without masking (what a harness that skipped masking would do). */
function unmasked(raw: RawRun): MaskedRun {
  return JSON.parse(JSON.stringify(raw)) as MaskedRun;
}

describe("scoreCase", () => {
  it("passes every tier once the interpreter's run is masked like the recording", () => {
    const score = scoreCase(recordedCase(), maskRun(interpreterRun()));
    expect(score).toEqual({ status: true, output: true, types: true, events: true, cause: null, diffs: {} });
  });

  it("fails output and event details when masking is skipped", () => {
    const score = scoreCase(recordedCase(), unmasked(interpreterRun()));
    expect(score.status).toBe(true);
    expect(score.output).toBe(false);
    expect(score.types).toBe(true);
    expect(score.events).toBe(false);
    expect(score.diffs.output).toBe('$output.at: expected "date", got "2024-03-01T12:00:00.000Z"');
  });

  it("reports the first differing event type and stops tier 4 there", () => {
    const raw = interpreterRun();
    (raw.events[1] as { type: string }).type = "TaskStateExited";
    const score = scoreCase(recordedCase(), maskRun(raw));
    expect(score.types).toBe(false);
    expect(score.events).toBe(false);
    expect(score.diffs.types).toBe("events[1].type: expected PassStateExited, got TaskStateExited (3 vs 3 events)");
  });

  it("checks ids and details but not timestamps in tier 4", () => {
    const raw = interpreterRun();
    (raw.events[2] as { previousEventId: number }).previousEventId = 1;
    (raw.events[0] as { timestamp: Date }).timestamp = new Date(0);
    const score = scoreCase(recordedCase(), maskRun(raw));
    expect(score.types).toBe(true);
    expect(score.events).toBe(false);
    expect(score.diffs.events).toBe("$events[2].previousEventId: expected 2, got 1");
  });

  it("matches UUID labels up to renumbering", () => {
    const c = recordedCase({ expected: { ...recordedCase().expected, output: { n: 1, at: "date", requestId: "<uuid:7>" } } });
    expect(scoreCase(c, maskRun(interpreterRun())).output).toBe(true);
  });

  it("scores failures on the error name, with the cause separately", () => {
    const c = recordedCase({ expected: { status: "FAILED", error: "States.Runtime", cause: "bad path", events: null } });
    const failed = (error: string, cause: string) => maskRun({ status: "FAILED", error, cause, events: [] });
    expect(scoreCase(c, failed("States.Runtime", "bad path"))).toMatchObject({ status: true, output: true, cause: true, types: null });
    expect(scoreCase(c, failed("States.Runtime", "other text"))).toMatchObject({ output: true, cause: false });
    expect(scoreCase(c, failed("States.TaskFailed", "bad path"))).toMatchObject({ output: false, cause: true });
    const wrongStatus = scoreCase(c, maskRun({ status: "SUCCEEDED", output: 1, events: [] }));
    expect(wrongStatus).toMatchObject({ status: false, output: false, cause: false });
    expect(wrongStatus.diffs.status).toBe("status: expected FAILED, got SUCCEEDED");
  });

  it("compares only the shape of nondeterministic cases", () => {
    const c = recordedCase({ tags: ["nondeterministic"], expected: { status: "SUCCEEDED", output: { r: 5 }, events: null } });
    expect(scoreCase(c, maskRun({ status: "SUCCEEDED", output: { r: 912 }, events: [] })).output).toBe(true);
    expect(scoreCase(c, maskRun({ status: "SUCCEEDED", output: { r: "912" }, events: [] })).output).toBe(false);
  });
});
