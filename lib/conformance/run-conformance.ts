import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ConformanceCase } from "./case-types";
import { loadCases } from "./load-cases";
import { maskRun } from "./mask-run";
import { runCase, type RunExecution, type StartExecution } from "./run-case";
import { scoreCase, type CaseScore } from "./score-case";

export interface CaseResult {
  id: string;
  file: string;
  feature: string;
  kind: "pure" | "service";
  tags: string[];
  nondeterministic: boolean;
  expectedStatus: string;
  status: string;
  score: CaseScore;
  /** Tiers 1 and 2 hold. */
  passed: boolean;
  crash?: string;
  durationMs: number;
}

export interface ConformanceReport {
  dir: string;
  cases: CaseResult[];
  passed: number;
  failed: number;
  durationMs: number;
}

export interface ConformanceOptions {
  /** Write one JSON line per case with the raw values the interpreter produced. */
  results?: string;
  /** Only cases whose id, feature or file path contains this text. */
  filter?: string;
  /** Called after each case, e.g. for progress output. */
  onCase?: (result: CaseResult, index: number, total: number) => void;
  /** The engine to test; defaults to `runExecution` from lib/asl. */
  runExecution?: RunExecution;
  /** Its `startExecution`, for cases that stop the execution (default: lib/asl's, unless `runExecution` was given). */
  startExecution?: StartExecution;
  /** Per-case time limit in ms (default 10 000). */
  timeoutMs?: number;
}

function keepsMapRunLabel(c: ConformanceCase): boolean {
  const text = JSON.stringify(c.expected.events ?? []);
  return text.includes(":mapRun:") && !text.includes("<MapRunArnPart0_");
}

/**
 * Runs every recorded case under `dir` through the interpreter and scores it by tier.
 * CLI: `statelens conformance <dir> [--results FILE]` =
 * `console.log(formatReport(await runConformance(dir, { results })))`.
 */
export async function runConformance(dir: string, opts: ConformanceOptions = {}): Promise<ConformanceReport> {
  const started = performance.now();
  const cases = loadCases(dir, { filter: opts.filter });
  const engine = opts.runExecution ? undefined : await import("../asl");
  const run = opts.runExecution ?? engine!.runExecution;
  const start = opts.startExecution ?? engine?.startExecution;
  const results: CaseResult[] = [];
  const lines: string[] = [];
  for (const [index, c] of cases.entries()) {
    const { raw, restore, crash, durationMs } = await runCase(c, run, { timeoutMs: opts.timeoutMs, startExecution: start });
    const masked = maskRun(raw, {
      transformers: c.notes?.snapshot_transformers,
      normalizeParallel: c.notes?.parallel_events_normalized === true,
      keepMapRunLabel: keepsMapRunLabel(c),
      restore,
      reverseOrder: c.notes?.reverse_order === true,
    });
    const score = scoreCase(c, masked);
    const result: CaseResult = {
      id: c.id,
      file: c.file,
      feature: c.feature,
      kind: c.pure ? "pure" : "service",
      tags: c.tags,
      nondeterministic: c.tags.includes("nondeterministic"),
      expectedStatus: c.expected.status,
      status: raw.status,
      score,
      passed: score.status && score.output,
      crash,
      durationMs,
    };
    results.push(result);
    if (opts.results) {
      const { status, output, error, cause, events } = raw;
      // Every key on every line; an absent value is written as null.
      const line = { id: c.id, status, output: output ?? null, error: error ?? null, cause: cause ?? null, events };
      lines.push(JSON.stringify(line));
    }
    opts.onCase?.(result, index, cases.length);
  }
  if (opts.results) {
    mkdirSync(path.dirname(path.resolve(opts.results)), { recursive: true });
    writeFileSync(opts.results, lines.length ? `${lines.join("\n")}\n` : "");
  }
  const passed = results.filter((r) => r.passed).length;
  return { dir, cases: results, passed, failed: results.length - passed, durationMs: performance.now() - started };
}
