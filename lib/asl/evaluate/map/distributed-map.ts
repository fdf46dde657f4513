import { StatesError } from "../../errors";
import { EventContext, EventManager } from "../../history/event-manager";
import { AbortScope } from "../abort-scope";
import { runConcurrently } from "../branches";
import { Environment } from "../environment";
import { evaluateField, fillTemplate } from "../expressions";
import { statesBinding } from "../io-processing";
import { errorOutput } from "../state-failure";
import type { StateRun } from "../states/state";
import { batchItems } from "./item-batcher";
import { mapInteger, mapPercentage } from "./map-config";
import { readItems } from "./item-reader";
import { answeredRun, askMapRun, RecordedStateOutput } from "./recorded-map-run";

/** What a distributed run needs of its Map state (map-state.ts hands itself over). */
export interface DistributedMapHost {
  readonly name: string;
  readonly raw: Record<string, unknown>;
  readonly processor: { run(env: Environment, input: unknown): Promise<unknown> };
  itemInput(run: StateRun, effective: unknown, item: unknown, child: Environment): unknown;
}

export interface DistributedOptions {
  /** Items from ItemsPath/Items; undefined when an ItemReader supplies them. */
  items: unknown[] | undefined;
  effective: unknown;
  context: unknown;
  maxConcurrency: number;
}

const THRESHOLD_ERROR = "States.ExceedToleratedFailureThreshold";

/**
 * A distributed Map run: MapRunStarted, items from the ItemReader port (or the input), optional
 * ItemBatcher, one child execution per item or batch (their events stay out of this history,
 * their variables start empty), tolerated failures, then MapRunSucceeded/Failed. Returns the
 * results array, or the ResultWriter summary. A run the task invoker's `runMap` port answers
 * (see recorded-map-run.ts) keeps the same events but reads no items and starts no children.
 */
export async function runDistributedMap(run: StateRun, map: DistributedMapHost, options: DistributedOptions): Promise<unknown> {
  const env = run.env;
  const { effective, context } = options;
  const count = await mapInteger(run, "ToleratedFailureCount", effective, context, 0);
  if (count < 0) throw new StatesError("States.Runtime", "ToleratedFailureCount cannot be negative.");
  const percentage = await mapPercentage(run, effective, context);
  const raw = map.raw;
  const tolerance: Tolerance = {
    count,
    percentage,
    countGiven: raw.ToleratedFailureCount !== undefined || raw.ToleratedFailureCountPath !== undefined,
    percentageGiven: raw.ToleratedFailurePercentage !== undefined || raw.ToleratedFailurePercentagePath !== undefined,
  };

  const runtime = env.runtime;
  const runId = runtime.random.uuid();
  const label = typeof raw.Label === "string" ? raw.Label : map.name;
  const ownArn = `arn:${runtime.partition}:states:${runtime.region}:${runtime.account}:mapRun:${runtime.stateMachine.Name}/${label}:${runId}`;
  // A run answered as one unit (e.g. a recorded run whose children are not at hand) reads no items.
  const answered = await askMapRun(run, ownArn);
  const mapRunArn = answered?.mapRunArn ?? ownArn;
  const runStartedId = env.emit("MapRunStarted", "mapRunStartedEventDetails", { mapRunArn });

  let results: unknown;
  try {
    if (answered) results = await answeredRun(run, answered);
    else results = await runChildren(run, map, options, tolerance);
  } catch (thrown) {
    if (!(thrown instanceof StatesError)) throw thrown;
    env.emit("MapRunFailed", "mapRunFailedEventDetails", { cause: thrown.cause, error: thrown.error });
    throw thrown;
  }
  env.emit("MapRunSucceeded");
  env.emit("MapStateSucceeded", undefined, undefined, false);
  // AWS publishes MapRunSucceeded from the map run while the state's own thread moves on, so
  // MapStateExited races it. In the recordings (41 of 44) the exit links to MapRunSucceeded when
  // the Map is the execution's first state and to MapRunStarted otherwise; we follow that.
  if (run.sourceBefore !== 0) env.ctx.source = runStartedId;
  if (raw.ResultWriter === undefined || answered || results instanceof RecordedStateOutput) return results;
  return writeResults(run, mapRunArn, runId, results as unknown[], effective, context);
}

/** How many failed children a run tolerates (ToleratedFailureCount / ToleratedFailurePercentage). */
interface Tolerance {
  count: number;
  percentage: number;
  countGiven: boolean;
  percentageGiven: boolean;
}

/** Items, ItemBatcher and one child execution per item or batch; throws past the tolerated failures. */
async function runChildren(run: StateRun, map: DistributedMapHost, options: DistributedOptions, tolerance: Tolerance): Promise<unknown[]> {
  const env = run.env;
  const { effective, context } = options;
  const raw = map.raw;
  const items = options.items ?? (await readItems(run, effective, context));
  const inputs: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const child = env.child({ scope: env.scope, mapItem: { Index: i, Value: items[i] } });
    inputs.push(await map.itemInput(run, effective, items[i], child));
  }
  const units = raw.ItemBatcher !== undefined ? await batchItems(run, inputs, effective, context) : inputs;
  let failures = 0;
  const failed: (Record<string, string | null> | undefined)[] = [];
  const exceeded = (): boolean => {
    if (failures === 0) return false;
    if (!tolerance.countGiven && !tolerance.percentageGiven) return true;
    if (tolerance.countGiven && failures > tolerance.count) return true;
    return tolerance.percentageGiven && (failures * 100) / units.length > tolerance.percentage;
  };
  const outcome = await runConcurrently(
    env,
    units.length,
    options.maxConcurrency,
    (index, scope) => map.processor.run(iterationEnv(env, index, units[index], scope), units[index]),
    (error, index) => {
      failures++;
      failed[index] = errorOutput(error);
      return !exceeded();
    },
  );
  if (outcome.failure) throw new StatesError(THRESHOLD_ERROR, "The specified tolerated failure threshold was exceeded");
  return Array.from(outcome.results, (r, i) => (failed[i] !== undefined ? failed[i] : r));
}

/** A child execution's environment: its own (unrecorded) history, empty variables. */
function iterationEnv(env: Environment, index: number, item: unknown, scope: AbortScope): Environment {
  const events = new EventManager(env.runtime.scheduler, Number.MAX_SAFE_INTEGER, false);
  return new Environment(env.runtime, events, new EventContext(), Object.create(null), new AbortScope(scope), env.depth + 1, {
    Index: index,
    Value: item,
  });
}

/** ResultWriter: hands the results to the item reader port (if it can write) and returns AWS's summary. */
async function writeResults(
  run: StateRun,
  mapRunArn: string,
  runId: string,
  results: unknown[],
  effective: unknown,
  context: unknown,
): Promise<unknown> {
  const writer = run.state.raw.ResultWriter as Record<string, unknown>;
  const field = writer.Arguments !== undefined ? "Arguments" : "Parameters";
  const parameters =
    writer[field] === undefined
      ? {}
      : run.state.ql === "JSONata"
        ? await evaluateField(`ResultWriter/${field}`, writer[field], statesBinding(run, undefined, context), run.env)
        : fillTemplate(writer[field], effective, run.env, context, field);
  const { Bucket, Prefix } = (parameters ?? {}) as { Bucket?: string; Prefix?: string };
  const port = run.env.runtime.itemReader;
  if (port?.write) {
    await port.write({ stateName: run.state.name, resource: String(writer.Resource ?? ""), parameters, results, mapRunArn });
  }
  const key = `${Prefix ? `${Prefix}/` : ""}${runId}/manifest.json`;
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: Bucket ?? "", Key: key } };
}
