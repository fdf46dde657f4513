/**
 * Benchmark 5: replaying a 25,000-event execution (AWS's history maximum). Two recordings made on
 * the local engine: a task loop (a Task, a Pass and a Choice per turn) and an inline Map whose
 * every iteration calls a task; each is replayed from the start (every task call answered from
 * the recording), from a checkpoint halfway, and diffed against its recording. Target: < 1 s.
 * `npx tsx bench/replay.bench.ts` prints the figures; bench/run.ts calls `run()`.
 */
import { pathToFileURL } from "node:url";
import { runExecution } from "../lib/asl";
import type { HistoryEvent } from "../lib/asl/history/types";
import { checkpoints } from "../lib/replay/checkpoints";
import { diffExecutions } from "../lib/replay/diff-executions";
import { replayExecution, type ReplaySource } from "../lib/replay/replay-execution";

export interface ReplayBenchOptions {
  events?: number;
  repeats?: number;
}

export interface ReplayFigures {
  workflow: string;
  events: number;
  taskCalls: number;
  /** First replay in a fresh process (includes JIT warm-up). */
  coldMs: number;
  /** Median of the warm replays from the start. */
  replayMs: number;
  /** Median replay from the checkpoint halfway through. */
  fromCheckpointMs: number;
  /** Median diff of recording and replay. */
  diffMs: number;
  faithful: boolean;
}

export interface ReplayBenchResult {
  targetMs: number;
  workflows: ReplayFigures[];
  summary: string;
}

const fn = "arn:aws:lambda:us-east-1:123456789012:function:work";

function taskLoop(turns: number): { definition: object; input: unknown } {
  return {
    definition: {
      StartAt: "Work",
      States: {
        Work: { Type: "Task", Resource: fn, Parameters: { "i.$": "$.i" }, ResultPath: "$.result", Next: "Count" },
        Count: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "More" },
        More: { Type: "Choice", Choices: [{ Variable: "$.i", NumericLessThan: turns, Next: "Work" }], Default: "Done" },
        Done: { Type: "Succeed" },
      },
    },
    input: { i: 0 },
  };
}

function mapOfTasks(items: number): { definition: object; input: unknown } {
  return {
    definition: {
      StartAt: "Fan",
      States: {
        Fan: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemProcessor: { StartAt: "Work", States: { Work: { Type: "Task", Resource: fn, End: true } } },
          ResultPath: null,
          End: true,
        },
      },
    },
    input: { items: Array.from({ length: items }, (_, i) => ({ i })) },
  };
}

async function recordRun(name: string, workload: { definition: object; input: unknown }): Promise<ReplaySource> {
  const executionArn = `arn:aws:states:us-east-1:123456789012:execution:Bench:${name}`;
  const result = await runExecution({
    definition: workload.definition,
    input: workload.input,
    context: { executionArn, startTime: new Date("2026-01-01T00:00:00Z") },
    taskInvoker: { invoke: (r) => ({ output: { ok: true, echo: r.parameters }, durationMs: 40 }) },
  });
  if (result.status !== "SUCCEEDED") throw new Error(`${name}: the recording ${result.status}: ${result.error} ${result.cause}`);
  return {
    executionArn,
    name,
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:Bench",
    stateMachineName: "Bench",
    definition: JSON.stringify(workload.definition),
    status: result.status,
    events: result.events,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const t = performance.now();
  const value = await work();
  return [performance.now() - t, value];
}

async function measure(workflow: string, source: ReplaySource, repeats: number): Promise<ReplayFigures> {
  const [coldMs, first] = await time(() => replayExecution(source));
  const plain = (events: readonly HistoryEvent[]) => JSON.stringify(events);
  const faithful = plain(first.events) === plain(source.events as HistoryEvent[]);
  const list = checkpoints(source.events, source.definition);
  const halfway = list[Math.floor(list.length / 2)];
  const warm: number[] = [];
  const partial: number[] = [];
  const diffs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const [ms, replay] = await time(() => replayExecution(source));
    warm.push(ms);
    partial.push((await time(() => replayExecution(source, { from: halfway.eventId })))[0]);
    diffs.push(
      (await time(() => diffExecutions(source, { status: replay.status, events: replay.events, definition: replay.definition })))[0],
    );
  }
  return {
    workflow,
    events: source.events.length,
    taskCalls: first.answered,
    coldMs: Math.round(coldMs),
    replayMs: Math.round(median(warm)),
    fromCheckpointMs: Math.round(median(partial)),
    diffMs: Math.round(median(diffs)),
    faithful,
  };
}

export async function run(options: ReplayBenchOptions = {}): Promise<ReplayBenchResult> {
  const events = options.events ?? 25_000;
  const repeats = options.repeats ?? 5;
  // A loop turn records 9 events (Task 5, Pass 2, Choice 2); a Map iteration 7; plus the frame.
  const loop = await recordRun("task-loop", taskLoop(Math.floor((events - 4) / 9)));
  const map = await recordRun("map-of-tasks", mapOfTasks(Math.floor((events - 8) / 7)));
  const workflows = [await measure("task loop", loop, repeats), await measure("inline Map of tasks", map, repeats)];
  const lines = workflows.map(
    (w) =>
      `  ${w.workflow.padEnd(20)} ${w.events.toLocaleString("en-US")} events, ${w.taskCalls.toLocaleString("en-US")} task calls: replay ${w.replayMs} ms (cold ${w.coldMs} ms), from halfway ${w.fromCheckpointMs} ms, diff ${w.diffMs} ms, ${w.faithful ? "identical to the recording" : "NOT identical"}`,
  );
  const worst = Math.max(...workflows.map((w) => w.replayMs));
  lines.push(`  target < 1000 ms: ${worst < 1000 ? "met" : "MISSED"} (slowest warm replay ${worst} ms)`);
  return { targetMs: 1000, workflows, summary: lines.join("\n") };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await run();
  console.log(`replay of a 25,000-event execution (median of warm runs)\n${result.summary}`);
}
