import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionResult, RunOptions } from "../asl";
import { formatReport } from "./format-report";
import { formatTriage } from "./format-triage";
import { runConformance } from "./run-conformance";

let dir: string;

const started = (input: unknown) => ({
  type: "ExecutionStarted",
  id: 1,
  previousEventId: 0,
  timestamp: "timestamp",
  executionStartedEventDetails: { input, inputDetails: { truncated: false }, roleArn: "snf_role_arn" },
});

function writeCase(rel: string, body: Record<string, unknown>) {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ tags: [], services: [], definition: {}, input: {}, ...body }));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "conformance-"));
  writeCase("pure/echo.json", {
    id: "echo",
    feature: "base",
    pure: true,
    input: { a: 1 },
    context_placeholders: { "Execution.Name": "exec-name", "Execution.RoleArn": "snf_role_arn" },
    expected: {
      status: "SUCCEEDED",
      output: { a: 1, name: "exec-name" },
      events: [started({ a: 1 })],
    },
  });
  writeCase("pure/fails.json", {
    id: "fails",
    feature: "errors",
    pure: true,
    expected: { status: "FAILED", error: "States.Runtime", cause: "expected cause", events: null },
  });
  writeCase("service/call.json", {
    id: "call",
    feature: "service-integrations",
    pure: false,
    expected: { status: "SUCCEEDED", output: { Payload: "from recording" }, events: null },
    service_calls: [
      {
        state: "Call",
        kind: "Task",
        resource_type: "lambda",
        resource: "invoke",
        outcome: "TaskSucceeded",
        output: { Payload: "from recording" },
      },
    ],
  });
  writeCase("pure/unknown.json", {
    id: "still-running",
    feature: "base",
    pure: true,
    expected: { status: "RUNNING_OR_UNKNOWN", events: null },
  });
  writeFileSync(path.join(dir, "not-a-case.json"), JSON.stringify({ hello: "world" }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in engine: echoes input + execution name, fails "fails", calls the task "Call". */
async function fakeEngine(options: RunOptions): Promise<ExecutionResult> {
  const base = { startDate: new Date(0), stopDate: new Date(1) };
  const input = options.input as Record<string, unknown>;
  if (Object.keys(input).length === 0 && options.taskInvoker) {
    const outcome = await options.taskInvoker.invoke({
      stateName: "Call",
      resource: "arn:aws:states:::lambda:invoke",
      kind: "service",
      pattern: "request-response",
      parameters: {},
      attempt: 0,
      now: new Date(0),
    });
    if ("output" in outcome) return { ...base, status: "SUCCEEDED", output: outcome.output, events: [] };
  }
  if (Object.keys(input).length === 0) return { ...base, status: "FAILED", error: "States.Runtime", cause: "other cause", events: [] };
  return {
    ...base,
    status: "SUCCEEDED",
    output: { ...input, name: options.context?.executionName },
    events: [
      {
        timestamp: new Date(),
        type: "ExecutionStarted",
        id: 1,
        previousEventId: 0,
        executionStartedEventDetails: {
          input: JSON.stringify(input),
          inputDetails: { truncated: false },
          roleArn: options.context?.roleArn,
        },
      },
    ],
  };
}

describe("runConformance", () => {
  it("runs every case (skipping RUNNING_OR_UNKNOWN and non-cases), scores tiers and writes raw results", async () => {
    const results = path.join(dir, "out", "results.jsonl");
    const seen: string[] = [];
    const report = await runConformance(dir, { results, runExecution: fakeEngine, onCase: (r) => seen.push(r.id) });
    expect(seen.sort()).toEqual(["call", "echo", "fails"]);
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
    expect(byId.echo.score).toMatchObject({ status: true, output: true, types: true, events: true });
    expect(byId.fails.score).toMatchObject({ status: true, output: true, cause: false, types: null });
    expect(byId.call.score).toMatchObject({ status: true, output: true });
    expect([report.passed, report.failed]).toEqual([3, 0]);

    const lines = readFileSync(results, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => Object.keys(l))).toEqual(lines.map(() => ["id", "status", "output", "error", "cause", "events"]));
    const echo = lines.find((l) => l.id === "echo");
    expect(echo.events[0].executionStartedEventDetails.input).toBe('{"a":1}');

    const text = formatReport(report);
    expect(text.split("\n").at(-1)).toBe("3 passed, 0 failed");
    expect(text).toMatch(/pure\/errors\s+1\s+100\.0% 1\/1\s+100\.0% 1\/1\s+-\s+-\s+0\.0% 0\/1/);
  });

  it("filters cases and turns engine exceptions into failed cases", async () => {
    const report = await runConformance(dir, {
      filter: "echo",
      runExecution: async () => {
        throw new TypeError("engine broke");
      },
    });
    expect(report.cases).toHaveLength(1);
    expect(report.cases[0]).toMatchObject({ id: "echo", status: "CRASHED", crash: "TypeError: engine broke", passed: false });
    expect(formatReport(report).split("\n").at(-1)).toBe("0 passed, 1 failed");
    const triage = formatTriage(report);
    expect(triage).toContain("| 1 | 1 | engine (exception) | crash |");
    expect(triage).toContain("`echo`");
  });
});
