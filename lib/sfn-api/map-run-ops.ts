import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { ModelConstraints } from "./model-constraints";
import { parseStatesArn, type Body } from "./request-fields";
import type { ServiceContext } from "./service-context";
import { SfnError, validationError } from "./sfn-error";
import type { LocalExecution, SfnStore } from "./sfn-types";

const RUN_ENDS: Record<string, "SUCCEEDED" | "FAILED" | "ABORTED"> = {
  MapRunSucceeded: "SUCCEEDED",
  MapRunFailed: "FAILED",
  MapRunAborted: "ABORTED",
  // a run cut short with its Map state (the execution stopped or timed out) ends with the state
  MapStateAborted: "ABORTED",
  MapStateFailed: "FAILED",
};

/** A distributed Map run the engine recorded (MapRunStarted in an execution's history). */
export interface RecordedMapRun {
  mapRunArn: string;
  execution: LocalExecution;
  started: HistoryEvent;
  /** Its MapRunSucceeded/Failed/Aborted event once it ended (or its Map state's MapStateAborted/Failed). */
  end?: HistoryEvent;
  /** Items the Map received (its MapStateStarted `length`). */
  total: number;
  /** The Map state's definition (MaxConcurrency, ToleratedFailure*). */
  state: Record<string, unknown>;
  /** A redriven execution runs the Map Run again under the same ARN: how often, and when last. */
  redriveCount: number;
  redriveDate?: Date;
}

/** UpdateMapRun's settings, by map run ARN (they override the Map state's). */
const updates = new WeakMap<SfnStore, Map<string, MapRunSettings>>();

interface MapRunSettings {
  maxConcurrency?: number;
  toleratedFailurePercentage?: number;
  toleratedFailureCount?: number;
}

/** The map runs of one execution, in start order. */
export function mapRunsOf(execution: LocalExecution): RecordedMapRun[] {
  const events = execution.events();
  const byId = new Map(events.map((e) => [e.id, e]));
  const runs: RecordedMapRun[] = [];
  for (const started of events) {
    if (started.type !== "MapRunStarted") continue;
    const mapRunArn = String(detailsOf(started)?.mapRunArn ?? "");
    const end =
      events.find((e) => e.type.startsWith("MapRun") && e.type in RUN_ENDS && e.previousEventId === started.id) ??
      events.find((e) => e.id > started.id && (e.type === "MapStateAborted" || e.type === "MapStateFailed")) ??
      cutShort(execution);
    // MapRunStarted links to MapStateStarted (its length), which links to MapStateEntered (its name)
    const mapStarted = byId.get(started.previousEventId);
    const entered = mapStarted && byId.get(mapStarted.previousEventId);
    const name = String((entered && detailsOf(entered)?.name) ?? "");
    const total = Number(detailsOf(mapStarted ?? started)?.length ?? 0);
    const earlier = runs.find((r) => r.mapRunArn === mapRunArn);
    if (earlier) {
      // the same run again after a RedriveExecution: one run, redriven
      Object.assign(earlier, { end, redriveCount: earlier.redriveCount + 1, redriveDate: started.timestamp });
      continue;
    }
    const state = findState(execution.stateMachine.definition, name) ?? {};
    runs.push({ mapRunArn, execution, started, end, total, state, redriveCount: 0 });
  }
  return runs;
}

/**
 * A run still open when its execution closed (stopped, timed out) was aborted with it: AWS
 * aborts the Map Run then, the engine records only the execution's end.
 */
function cutShort(execution: LocalExecution): HistoryEvent | undefined {
  if (execution.status === "RUNNING" || !execution.stopDate) return undefined;
  return { type: "MapRunAborted", timestamp: execution.stopDate, id: 0, previousEventId: 0 };
}

/** A map run by ARN, or ResourceNotFound (InvalidArn for what is not a mapRun ARN). */
export function getMapRun(ctx: ServiceContext, arn: string): RecordedMapRun {
  parseStatesArn(arn, ["mapRun"]);
  for (const execution of ctx.store.executions.values()) {
    for (const run of mapRunsOf(execution)) if (run.mapRunArn === arn) return run;
  }
  throw new SfnError("ResourceNotFound", `Resource not found: '${arn}'`);
}

/**
 * DescribeMapRun. The engine runs a distributed Map's child executions inside the parent (their
 * events stay out of its history), so item counts come from the run's outcome: all items
 * succeeded for a run that succeeded; for one that failed or was aborted, the items are counted
 * as failed / aborted (the split between the children is not recorded).
 */
export function describeMapRun(ctx: ServiceContext, body: Body) {
  const run = getMapRun(ctx, ModelConstraints.arn(body, "mapRunArn", true, 2000)!);
  const status = run.end ? RUN_ENDS[run.end.type] : "RUNNING";
  const settings = updates.get(ctx.store)?.get(run.mapRunArn) ?? {};
  const counts = {
    pending: 0,
    running: status === "RUNNING" ? run.total : 0,
    succeeded: status === "SUCCEEDED" ? run.total : 0,
    failed: status === "FAILED" ? run.total : 0,
    timedOut: 0,
    aborted: status === "ABORTED" ? run.total : 0,
    total: run.total,
    resultsWritten: status === "SUCCEEDED" && run.state.ResultWriter !== undefined ? run.total : 0,
    failuresNotRedrivable: 0,
    pendingRedrive: 0,
  };
  return {
    mapRunArn: run.mapRunArn,
    executionArn: run.execution.executionArn,
    status,
    startDate: run.started.timestamp,
    ...(run.end ? { stopDate: run.end.timestamp } : {}),
    maxConcurrency: settings.maxConcurrency ?? numberField(run.state.MaxConcurrency),
    toleratedFailurePercentage: settings.toleratedFailurePercentage ?? numberField(run.state.ToleratedFailurePercentage),
    toleratedFailureCount: settings.toleratedFailureCount ?? numberField(run.state.ToleratedFailureCount),
    itemCounts: counts,
    executionCounts: counts,
    redriveCount: run.redriveCount,
    ...(run.redriveDate ? { redriveDate: run.redriveDate } : {}),
  };
}

/**
 * UpdateMapRun: records new MaxConcurrency / tolerated failure settings, which DescribeMapRun
 * then reports. Runs the engine already finished are not re-run (a local run closes at once).
 */
export function updateMapRun(ctx: ServiceContext, body: Body) {
  const arn = ModelConstraints.arn(body, "mapRunArn", true, 2000)!;
  const maxConcurrency = integer(body, "maxConcurrency", 0);
  const toleratedFailureCount = integer(body, "toleratedFailureCount", 0);
  const percentage = body.toleratedFailurePercentage;
  if (percentage !== undefined && percentage !== null) {
    if (typeof percentage !== "number") throw serialization("toleratedFailurePercentage");
    if (percentage < 0)
      throw validationError("toleratedFailurePercentage", percentage, "Member must have value greater than or equal to 0");
    if (percentage > 100)
      throw validationError("toleratedFailurePercentage", percentage, "Member must have value less than or equal to 100");
  }
  const toleratedFailurePercentage = typeof percentage === "number" ? percentage : undefined;
  if (maxConcurrency === undefined && toleratedFailureCount === undefined && toleratedFailurePercentage === undefined) {
    throw new SfnError(
      "ValidationException",
      "Must provide at least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount",
    );
  }
  const run = getMapRun(ctx, arn);
  let byArn = updates.get(ctx.store);
  if (!byArn) updates.set(ctx.store, (byArn = new Map()));
  const settings = byArn.get(run.mapRunArn) ?? {};
  if (maxConcurrency !== undefined) settings.maxConcurrency = maxConcurrency;
  if (toleratedFailureCount !== undefined) settings.toleratedFailureCount = toleratedFailureCount;
  if (toleratedFailurePercentage !== undefined) settings.toleratedFailurePercentage = toleratedFailurePercentage;
  byArn.set(run.mapRunArn, settings);
  return {};
}

function integer(body: Body, field: string, min: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw serialization(field);
  if (value < min) throw validationError(field, value, `Member must have value greater than or equal to ${min}`);
  return value;
}

const serialization = (field: string) =>
  new SfnError("SerializationException", `Expected a number for member '${field}'`, 400, "com.amazon.coral.service");

const numberField = (value: unknown) => (typeof value === "number" ? value : 0);

/** A state by name anywhere in a definition (a distributed Map may sit inside another Map or Parallel). */
function findState(definition: string, name: string): Record<string, unknown> | undefined {
  const visit = (machine: unknown): Record<string, unknown> | undefined => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> } | undefined)?.States;
    if (!states || typeof states !== "object") return undefined;
    if (states[name]) return states[name];
    for (const state of Object.values(states)) {
      const inner =
        visit(state.ItemProcessor) ??
        visit(state.Iterator) ??
        (Array.isArray(state.Branches) ? state.Branches.map(visit).find(Boolean) : undefined);
      if (inner) return inner;
    }
    return undefined;
  };
  try {
    return visit(JSON.parse(definition));
  } catch {
    return undefined;
  }
}
