import type { EventDto } from "../model/execution";

export interface MapRunSummary {
  /** the Map state's name */
  stateName: string;
  /** id of the MapStateEntered event */
  enteredEventId: number;
  /** distributed Map: the Map Run ARN from MapRunStarted */
  mapRunArn: string | null;
  iterations: { started: number; succeeded: number; failed: number; aborted: number };
}

/**
 * One entry per Map state run with iteration counts by status (inline Map: from MapIteration*
 * events; distributed Map: the Map Run ARN, whose child executions are stored separately).
 */
export function summarizeMapRuns(events: readonly EventDto[]): MapRunSummary[] {
  const runs: MapRunSummary[] = [];
  const open: MapRunSummary[] = [];
  for (const event of events) {
    const d = event.details ?? {};
    if (event.type === "MapStateEntered") {
      const run: MapRunSummary = {
        stateName: String(d.name ?? ""),
        enteredEventId: event.id,
        mapRunArn: null,
        iterations: { started: 0, succeeded: 0, failed: 0, aborted: 0 },
      };
      runs.push(run);
      open.push(run);
      continue;
    }
    const name = typeof d.name === "string" ? d.name : null;
    const current = latestOpen(open, name) ?? open[open.length - 1];
    if (!current) continue;
    if (event.type === "MapIterationStarted") current.iterations.started++;
    else if (event.type === "MapIterationSucceeded") current.iterations.succeeded++;
    else if (event.type === "MapIterationFailed") current.iterations.failed++;
    else if (event.type === "MapIterationAborted") current.iterations.aborted++;
    else if (event.type === "MapRunStarted" && typeof d.mapRunArn === "string") current.mapRunArn = d.mapRunArn;
    else if (event.type === "MapStateExited" && name === current.stateName) open.splice(open.indexOf(current), 1);
  }
  return runs;
}

/** The innermost open Map run of that name (any name when null). */
function latestOpen(open: readonly MapRunSummary[], name: string | null): MapRunSummary | undefined {
  for (let i = open.length - 1; i >= 0; i--) if (name === null || open[i].stateName === name) return open[i];
  return undefined;
}
