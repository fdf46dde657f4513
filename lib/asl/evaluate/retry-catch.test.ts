import { describe, expect, it } from "vitest";
import { DefinitionError } from "../errors";
import { errorMatches, findCatcher, parseCatchers, parseRetriers, retryDelayMs, RetryTracker } from "./retry-catch";

const fixed = (value: number) => ({ random: () => value, uuid: () => "u" });

describe("retry arithmetic", () => {
  it("fills AWS's defaults: 1 s interval, 3 attempts, backoff 2", () => {
    const [r] = parseRetriers([{ ErrorEquals: ["States.ALL"] }]);
    expect(r).toMatchObject({ intervalSeconds: 1, maxAttempts: 3, backoffRate: 2, maxDelaySeconds: undefined, jitter: "NONE" });
  });

  it("grows the delay by BackoffRate per attempt and caps it at MaxDelaySeconds", () => {
    const [r] = parseRetriers([{ ErrorEquals: ["X"], IntervalSeconds: 3, BackoffRate: 2.5, MaxDelaySeconds: 10 }]);
    expect([0, 1, 2].map((attempt) => retryDelayMs(r, attempt, fixed(0.5)))).toEqual([3000, 7500, 10000]);
  });

  it("draws FULL jitter from the random port", () => {
    const [r] = parseRetriers([{ ErrorEquals: ["X"], IntervalSeconds: 4, JitterStrategy: "FULL" }]);
    expect(retryDelayMs(r, 1, fixed(0.25))).toBe(2000);
  });

  it("counts attempts per retrier and stops at MaxAttempts", () => {
    const tracker = new RetryTracker(
      parseRetriers([
        { ErrorEquals: ["A"], MaxAttempts: 2, IntervalSeconds: 1 },
        { ErrorEquals: ["States.ALL"], MaxAttempts: 1, IntervalSeconds: 5 },
      ]),
      fixed(0),
    );
    expect(tracker.next("A")).toBe(1000);
    expect(tracker.next("B")).toBe(5000);
    expect(tracker.next("A")).toBe(2000);
    expect(tracker.next("A")).toBeUndefined();
    expect(tracker.next("B")).toBeUndefined();
    expect(tracker.count).toBe(3);
  });

  it("never retries with MaxAttempts 0", () => {
    const tracker = new RetryTracker(parseRetriers([{ ErrorEquals: ["States.ALL"], MaxAttempts: 0 }]), fixed(0));
    expect(tracker.next("X")).toBeUndefined();
  });
});

describe("error matching", () => {
  it("matches names exactly, States.ALL anything, States.TaskFailed anything but States.Timeout", () => {
    expect(errorMatches(["Lambda.Unknown"], "Lambda.Unknown")).toBe(true);
    expect(errorMatches(["Lambda.Unknown"], "Lambda.Other")).toBe(false);
    expect(errorMatches(["States.ALL"], "States.Timeout")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "Custom")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.Timeout")).toBe(false);
  });

  it("picks the first catcher that matches", () => {
    const catchers = parseCatchers([
      { ErrorEquals: ["A"], Next: "OnA" },
      { ErrorEquals: ["States.ALL"], Next: "OnAll", ResultPath: "$.error" },
    ]);
    expect(findCatcher(catchers, "A")?.next).toBe("OnA");
    expect(findCatcher(catchers, "B")).toMatchObject({ next: "OnAll", resultPath: "$.error" });
  });

  it("refuses Retry and Catch fields that are not arrays of objects with ErrorEquals, naming the field", () => {
    const refusals: [() => unknown, RegExp][] = [
      [() => parseCatchers([null], "States.T"), /^States\.T\.Catch\[0\]: a Catcher must be a JSON object, but was null$/],
      [
        () => parseCatchers({ ErrorEquals: ["X"], Next: "N" }, "States.T"),
        /^States\.T\.Catch: must be an array of Catchers, but was object$/,
      ],
      [() => parseCatchers([{ ErrorEquals: ["X"] }], "States.T"), /^States\.T\.Catch\[0\]\.Next: a Catcher needs Next/],
      [() => parseCatchers([{ ErrorEquals: [], Next: "N" }], "States.T"), /^States\.T\.Catch\[0\]\.ErrorEquals: must be a non-empty array/],
      [() => parseRetriers(["States.ALL"], "States.T"), /^States\.T\.Retry\[0\]: a Retrier must be a JSON object, but was string$/],
      [() => parseRetriers([[]], "States.T"), /Retry\[0\]: a Retrier must be a JSON object, but was an array$/],
      [() => parseRetriers([{ ErrorEquals: "States.ALL" }], "States.T"), /^States\.T\.Retry\[0\]\.ErrorEquals: must be a non-empty array/],
      [() => parseRetriers([{ ErrorEquals: [1] }], "States.T"), /ErrorEquals: must be a non-empty array of error names/],
      [() => parseRetriers(null, "States.T"), /^States\.T\.Retry: must be an array of Retriers, but was null$/],
    ];
    for (const [parse, message] of refusals) {
      expect(parse).toThrow(DefinitionError);
      expect(parse).toThrow(message);
    }
    expect(parseRetriers(undefined)).toEqual([]);
    expect(parseCatchers([])).toEqual([]);
  });
});
