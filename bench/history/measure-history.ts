import { peerMachine, runOurs, runPeer } from "../interpreter/engines";
import { collectGarbage, timeOnce } from "../support/time-once";
import { median, round } from "../support/stats";
import { historyWorkflow } from "./history-workflow";

export interface HistoryMeasureOptions {
  engine: "ours" | "peer";
  events?: number;
  repeats?: number;
}

export interface HistoryFigures {
  engine: "ours" | "peer";
  /** History events our engine recorded (the peer records its own non-AWS log: null). */
  events: number | null;
  transitions: number;
  /** The first run in a fresh process (includes JIT warm-up). */
  coldMs: number;
  /** Median of the warm runs after it. */
  warmMedianMs: number;
  samplesMs: number[];
  /** Resident set size of the process before the first run. */
  baselineRssMb: number;
  /** Peak resident set size over the whole process (getrusage maxRSS). */
  peakRssMb: number;
  /** Heap growth while one run's result (our full history) is still referenced. */
  retainedHeapMb: number;
}

const MB = 1024 * 1024;

/**
 * Runs in its own child process (--expose-gc): one cold run, then `repeats` warm runs of the
 * 25,000-event workflow on one engine; peak memory is the kernel's maxRSS for the process.
 */
export async function measure(options: HistoryMeasureOptions): Promise<HistoryFigures> {
  const workflow = historyWorkflow(options.events ?? 25_000);
  const repeats = options.repeats ?? 3;
  const machine = options.engine === "peer" ? peerMachine(workflow) : undefined;
  const once = () => (machine ? runPeer(workflow, false, machine) : runOurs(workflow, false));
  collectGarbage();
  const baselineRssMb = process.memoryUsage().rss / MB;
  const heapBefore = process.memoryUsage().heapUsed;
  let first: Awaited<ReturnType<typeof once>> | undefined;
  const coldMs = await timeOnce(async () => {
    first = await once();
  });
  if (first?.status !== "SUCCEEDED") throw new Error(`history run on ${options.engine}: ${first?.status} ${JSON.stringify(first?.output)}`);
  if (!machine && first.events !== (options.events ?? 25_000)) {
    throw new Error(`history run recorded ${first.events} events, expected ${options.events ?? 25_000}`);
  }
  collectGarbage();
  const retainedHeapMb = (process.memoryUsage().heapUsed - heapBefore) / MB;
  const events = machine ? null : (first.events ?? null);
  first = undefined;
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) samples.push(await timeOnce(once));
  return {
    engine: options.engine,
    events,
    transitions: workflow.transitions,
    coldMs: round(coldMs),
    warmMedianMs: round(median(samples)),
    samplesMs: samples.map(round),
    baselineRssMb: round(baselineRssMb),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024),
    retainedHeapMb: round(retainedHeapMb),
  };
}
