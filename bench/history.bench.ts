/**
 * Benchmark 2: a workflow that records 25,000 history events (AWS's maximum), run once cold and
 * then warm, each engine in its own child process so its peak memory (maxRSS) is its own.
 * aws-local-stepfunctions keeps no AWS history, so only wall time compares like for like.
 */
import type { HistoryFigures, HistoryMeasureOptions } from "./history/measure-history";
import { log } from "./support/log";
import { round } from "./support/stats";
import { runInChild } from "./support/run-child";

export interface HistoryOptions {
  events?: number;
  repeats?: number;
}

export interface HistoryResult {
  events: number;
  targets: { ms: number; mb: number };
  ours: HistoryFigures;
  peer: HistoryFigures;
  /** Peer warm time / our warm time. */
  ratio: number;
}

export async function run(options: HistoryOptions = {}): Promise<HistoryResult> {
  const events = options.events ?? 25_000;
  const measure = (engine: "ours" | "peer") =>
    runInChild<HistoryFigures>(
      "bench/history/measure-history.ts",
      { engine, events, repeats: options.repeats ?? 3 } satisfies HistoryMeasureOptions,
      "measure",
    );
  log(`history: ${events.toLocaleString("en-US")} events on statelens (child process)`);
  const ours = await measure("ours");
  log(`history: same workflow on aws-local-stepfunctions (child process)`);
  const peer = await measure("peer");
  return { events, targets: { ms: 1000, mb: 300 }, ours, peer, ratio: round(peer.warmMedianMs / ours.warmMedianMs) };
}
