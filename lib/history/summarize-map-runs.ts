import { detailsOf } from "../asl/history/types";
import type { EventDto } from "../model/execution";

export interface MapRunSummary {
  /** the Map state's name */
  stateName: string;
  /** id of the MapStateEntered event */
  enteredEventId: number;
  /** distributed Map: the Map Run ARN from MapRunStarted */
  mapRunArn: string | null;
  iterations: { started: number; succeeded: number; failed: number; aborted: number };
  /** items the Map received (MapStateStarted `length`); null before it started */
  itemCount: number | null;
  /** SUCCEEDED / FAILED / ABORTED from the Map's own events (the Map Run's for a distributed Map), else RUNNING */
  status: "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";
  /** the Map Run's (or the Map state's) error and cause when it failed */
  error: string | null;
  cause: string | null;
  /** ISO-8601 times of MapStateEntered and of the event that ended it */
  enteredAt: string;
  endedAt: string | null;
  /** inline Map: one entry per iteration index, in index order */
  iterationList: MapIterationSummary[];
}

export interface MapIterationSummary {
  index: number;
  status: "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";
  startedAt: string;
  endedAt: string | null;
}

const ITERATION_END: Record<string, MapIterationSummary["status"]> = {
  MapIterationSucceeded: "SUCCEEDED",
  MapIterationFailed: "FAILED",
  MapIterationAborted: "ABORTED",
};
const RUN_END: Record<string, MapRunSummary["status"]> = {
  MapRunSucceeded: "SUCCEEDED",
  MapRunFailed: "FAILED",
  MapRunAborted: "ABORTED",
  MapStateSucceeded: "SUCCEEDED",
  MapStateFailed: "FAILED",
  MapStateAborted: "ABORTED",
};

/**
 * One entry per Map state run with iteration counts by status (inline Map: from MapIteration*
 * events; distributed Map: the Map Run ARN, whose child executions are stored separately).
 */
export function summarizeMapRuns(events: readonly EventDto[]): MapRunSummary[] {
  const runs: MapRunSummary[] = [];
  const open: MapRunSummary[] = [];
  for (const event of events) {
    const d = detailsOf(event) ?? {};
    if (event.type === "MapStateEntered") {
      const run: MapRunSummary = {
        stateName: String(d.name ?? ""),
        enteredEventId: event.id,
        mapRunArn: null,
        iterations: { started: 0, succeeded: 0, failed: 0, aborted: 0 },
        itemCount: null,
        status: "RUNNING",
        error: null,
        cause: null,
        enteredAt: String(event.timestamp),
        endedAt: null,
        iterationList: [],
      };
      runs.push(run);
      open.push(run);
      continue;
    }
    const name = typeof d.name === "string" ? d.name : null;
    const current = latestOpen(open, name) ?? open[open.length - 1];
    if (!current) continue;
    const index = typeof d.index === "number" ? d.index : null;
    if (event.type === "MapIterationStarted") {
      current.iterations.started++;
      if (index !== null) current.iterationList.push({ index, status: "RUNNING", startedAt: String(event.timestamp), endedAt: null });
    } else if (ITERATION_END[event.type]) {
      const status = ITERATION_END[event.type];
      current.iterations[status === "SUCCEEDED" ? "succeeded" : status === "FAILED" ? "failed" : "aborted"]++;
      const iteration = current.iterationList.findLast((i) => i.index === index && i.endedAt === null);
      if (iteration) Object.assign(iteration, { status, endedAt: String(event.timestamp) });
    } else if (event.type === "MapStateStarted" && typeof d.length === "number") current.itemCount = d.length;
    else if (event.type === "MapRunStarted" && typeof d.mapRunArn === "string") current.mapRunArn = d.mapRunArn;
    else if (RUN_END[event.type] && (current.status === "RUNNING" || event.type.startsWith("MapRun"))) {
      current.status = RUN_END[event.type];
      current.endedAt = String(event.timestamp);
      if (typeof d.error === "string") current.error = d.error;
      if (typeof d.cause === "string") current.cause = d.cause;
    } else if (event.type === "MapStateExited" && name === current.stateName) open.splice(open.indexOf(current), 1);
  }
  for (const run of runs) run.iterationList.sort((a, b) => a.index - b.index);
  return runs;
}

/** The innermost open Map run of that name (any name when null). */
function latestOpen(open: readonly MapRunSummary[], name: string | null): MapRunSummary | undefined {
  for (let i = open.length - 1; i >= 0; i--) if (name === null || open[i].stateName === name) return open[i];
  return undefined;
}
