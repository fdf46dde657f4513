/**
 * Benchmark 1: statelens' interpreter vs aws-local-stepfunctions on the same definitions and
 * inputs, task states answered by the same local handlers. Each workflow is first run once on
 * both engines to check they agree (status, output, states entered), then warmed up and timed
 * `repeats` times, engines interleaved; the median is reported as transitions per second. Our
 * timed runs include parsing the definition; the peer's machine (whose constructor validates the
 * definition) is built once per workflow, outside the timing.
 */
import { jsonEqual } from "../lib/conformance/canonical-json";
import { choiceLoop } from "./interpreter/choice-loop";
import { peerMachine, runOurs, runPeer, type EngineRun } from "./interpreter/engines";
import { intrinsicChain } from "./interpreter/intrinsic-chain";
import { jsonataChain } from "./interpreter/jsonata-chain";
import { mapItems } from "./interpreter/map-items";
import type { BenchWorkflow } from "./interpreter/types";
import { log } from "./support/log";
import { median, round } from "./support/stats";
import { timeOnce } from "./support/time-once";

export interface InterpreterOptions {
  repeats?: number;
  warmup?: number;
  /** Multiplies every workflow's size (1 = the sizes in the brief). */
  scale?: number;
}

export interface EngineFigures {
  medianMs: number;
  samplesMs: number[];
  transitionsPerSecond: number;
}

export interface InterpreterResult {
  id: string;
  title: string;
  transitions: number;
  /** History events our engine recorded in one run (the peer records its own, non-AWS log). */
  ourEvents: number;
  ours: EngineFigures;
  peer: EngineFigures;
  /** ours / peer in transitions per second (ratio of the medians). */
  ratio: number;
  /** Median of peer/ours over the adjacent run pairs: steadier when the machine is shared. */
  pairedRatio: number;
  target: number;
  note?: string;
}

export const INTERPRETER_TARGET = 5;

export function interpreterWorkflows(scale = 1): BenchWorkflow[] {
  const size = (n: number) => Math.max(10, Math.round(n * scale));
  return [choiceLoop(size(100_000)), mapItems(size(10_000)), intrinsicChain(size(20_000)), jsonataChain(size(20_000))];
}

function check(workflow: BenchWorkflow, engine: string, run: EngineRun): void {
  if (run.status !== "SUCCEEDED") throw new Error(`${workflow.id} on ${engine}: ${run.status} ${JSON.stringify(run.output)}`);
  if (run.transitions !== workflow.transitions) {
    throw new Error(`${workflow.id} on ${engine}: entered ${run.transitions} states, expected ${workflow.transitions}`);
  }
}

function figures(samples: number[], transitions: number): EngineFigures {
  const ms = median(samples);
  return { medianMs: round(ms), samplesMs: samples.map(round), transitionsPerSecond: Math.round((transitions / ms) * 1000) };
}

export async function run(options: InterpreterOptions = {}): Promise<InterpreterResult[]> {
  const repeats = options.repeats ?? 7;
  const warmup = options.warmup ?? 1;
  const results: InterpreterResult[] = [];
  for (const workflow of interpreterWorkflows(options.scale)) {
    log(`interpreter: ${workflow.id} (${workflow.transitions.toLocaleString("en-US")} transitions): checking both engines agree`);
    const machine = peerMachine(workflow);
    const ours = await runOurs(workflow, true);
    const peer = await runPeer(workflow, true, machine);
    check(workflow, "statelens", ours);
    check(workflow, "aws-local-stepfunctions", peer);
    if (!jsonEqual(ours.output, peer.output)) throw new Error(`${workflow.id}: the engines' outputs differ`);
    for (let i = 0; i < warmup; i++) {
      await runOurs(workflow);
      await runPeer(workflow, false, machine);
    }
    const oursMs: number[] = [];
    const peerMs: number[] = [];
    for (let i = 0; i < repeats; i++) {
      oursMs.push(await timeOnce(() => runOurs(workflow)));
      peerMs.push(await timeOnce(() => runPeer(workflow, false, machine)));
    }
    const result: InterpreterResult = {
      id: workflow.id,
      title: workflow.title,
      transitions: workflow.transitions,
      ourEvents: ours.events ?? 0,
      ours: figures(oursMs, workflow.transitions),
      peer: figures(peerMs, workflow.transitions),
      ratio: 0,
      pairedRatio: round(median(peerMs.map((ms, i) => ms / oursMs[i]))),
      target: INTERPRETER_TARGET,
      note: workflow.note,
    };
    result.ratio = round(result.ours.transitionsPerSecond / result.peer.transitionsPerSecond);
    log(`interpreter: ${workflow.id}: ours ${result.ours.medianMs} ms, peer ${result.peer.medianMs} ms (x${result.ratio})`);
    results.push(result);
  }
  return results;
}
