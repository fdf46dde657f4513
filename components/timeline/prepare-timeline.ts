import type { EventDto } from "../../lib/model/execution";
import { prepareStateRuns } from "../events/prepare-state-runs";
import type { Frame, PreparedRuns, RunStatus, StateRun } from "../../lib/history/state-run-types";

export type BarKind = "state" | "wait" | "attempt" | "backoff" | "lane";

export interface TimelineBar {
  key: string;
  kind: BarKind;
  start: number;
  end: number;
  status: RunStatus;
  label: string;
  /** for attempts: 0-based attempt index */
  attempt?: number;
  error?: string | null;
  /** still running: `end` is the "now" the model was built at */
  open: boolean;
}

export interface TimelineRow {
  /** run key, or frame key for a lane */
  key: string;
  kind: "run" | "lane";
  label: string;
  sublabel: string;
  status: RunStatus;
  runKey: string | null;
  statePath: string | null;
  stateName: string | null;
  bars: TimelineBar[];
  children: TimelineRow[];
}

export interface TimelineModel {
  start: number;
  end: number;
  rows: TimelineRow[];
  /** row keys collapsed by default (Map runs with many iterations) */
  defaultCollapsed: string[];
}

export interface TimelineOptions {
  /** ms since epoch used as the end of anything still running; defaults to the last event time */
  now?: number;
  prepared?: PreparedRuns;
  definition?: string | Record<string, unknown> | null;
  /** collapse a Map run by default when it has more iterations than this */
  collapseIterationsOver?: number;
}

/**
 * Turns a history into timeline rows: one row per state run (bar from enter to exit, one bar per
 * task attempt, backoff gaps between attempts), and under each Parallel/Map run one collapsible
 * lane per branch or iteration holding the runs inside it.
 */
export function prepareTimeline(events: readonly EventDto[], options: TimelineOptions = {}): TimelineModel {
  const prepared = options.prepared ?? prepareStateRuns(events, options.definition ?? null);
  const first = prepared.eventTimes?.first ?? 0;
  const last = prepared.eventTimes?.last ?? 0;
  const start = Math.min(prepared.execution.startedAt ?? first, first);
  const now = options.now ?? last;
  let end = prepared.execution.endedAt !== null ? Math.max(prepared.execution.endedAt, last) : Math.max(now, last);
  if (!(end > start)) end = start + 1;
  const limit = options.collapseIterationsOver ?? 25;
  const defaultCollapsed: string[] = [];

  const framesOf = new Map<string, Frame[]>();
  for (const frame of prepared.frames) {
    if (!frame.containerRunKey) continue;
    const list = framesOf.get(frame.containerRunKey) ?? [];
    list.push(frame);
    framesOf.set(frame.containerRunKey, list);
  }

  const runRow = (run: StateRun): TimelineRow => {
    const runEnd = run.exitedAt ?? run.endedAt ?? end;
    const runStart = run.enteredAt ?? start;
    const open = run.status === "in-progress";
    const bars: TimelineBar[] = [
      {
        key: `${run.key}:state`,
        kind: run.stateType === "Wait" ? "wait" : "state",
        start: runStart,
        end: Math.max(runStart, runEnd),
        status: run.status,
        label: run.stateName,
        error: run.error,
        open,
      },
    ];
    // a Parallel or Map that ran once: its one attempt is the state bar itself
    const attempts = run.attempts.length > 1 || !isContainer(run) ? run.attempts : [];
    attempts.forEach((attempt, i) => {
      const aStart = attempt.startedAt ?? runStart;
      const aEnd = attempt.endedAt ?? (attempt.outcome === "in-progress" ? runEnd : aStart);
      bars.push({
        key: `${run.key}:a${i}`,
        kind: "attempt",
        start: aStart,
        end: Math.max(aStart, aEnd),
        attempt: i,
        status: attemptStatus(attempt.outcome),
        label: `Attempt ${i + 1}`,
        error: attempt.error,
        open: attempt.outcome === "in-progress",
      });
      const next = run.attempts[i + 1];
      if (next && attempt.endedAt !== null && next.startedAt !== null && next.startedAt > attempt.endedAt) {
        bars.push({
          key: `${run.key}:b${i}`,
          kind: "backoff",
          start: attempt.endedAt,
          end: next.startedAt,
          status: "in-progress",
          label: `Backoff before attempt ${i + 2}`,
          open: false,
        });
      }
    });
    const frames = framesOf.get(run.key) ?? [];
    const iterations = frames.filter((f) => f.kind === "iteration").length;
    if (iterations > limit) defaultCollapsed.push(run.key);
    return {
      key: run.key,
      kind: "run",
      label: run.stateName,
      sublabel: sublabelOf(run, run.attempts.length, frames),
      status: run.status,
      runKey: run.key,
      statePath: run.statePath,
      stateName: run.stateName,
      bars,
      children: frames.map(laneRow),
    };
  };

  const laneRow = (frame: Frame): TimelineRow => {
    const container = frame.containerRunKey ? prepared.runByKey.get(frame.containerRunKey) : undefined;
    const retried = container && container.attempts.length > 1;
    const label = retried ? `${frame.label} · attempt ${frame.attempt + 1}` : frame.label;
    const laneStart = frame.startedAt ?? container?.enteredAt ?? start;
    const laneEnd = frame.endedAt ?? (frame.status === "in-progress" ? end : laneStart);
    return {
      key: frame.key,
      kind: "lane",
      label,
      sublabel: `${frame.runKeys.length} state${frame.runKeys.length === 1 ? "" : "s"}`,
      status: frame.status,
      runKey: null,
      statePath: null,
      stateName: null,
      bars: [
        {
          key: `${frame.key}:lane`,
          kind: "lane",
          start: laneStart,
          end: Math.max(laneStart, laneEnd),
          status: frame.status,
          label,
          open: frame.status === "in-progress",
        },
      ],
      children: frame.runKeys.map((k) => runRow(prepared.runByKey.get(k)!)),
    };
  };

  const root = prepared.frameByKey.get("root")!;
  const rows = root.runKeys.map((k) => runRow(prepared.runByKey.get(k)!));
  return { start, end, rows, defaultCollapsed };
}

function isContainer(run: StateRun): boolean {
  return run.stateType === "Parallel" || run.stateType === "Map";
}

function attemptStatus(outcome: string): RunStatus {
  if (outcome === "failed" || outcome === "timed-out") return "failed";
  if (outcome === "aborted") return "aborted";
  if (outcome === "succeeded") return "succeeded";
  return "in-progress";
}

function sublabelOf(run: StateRun, attempts: number, frames: Frame[]): string {
  const parts = [run.stateType];
  if (attempts > 1) parts.push(`${attempts} attempts`);
  const iterations = frames.filter((f) => f.kind === "iteration").length;
  const branches = frames.filter((f) => f.kind === "branch").length;
  if (iterations) parts.push(`${iterations} iteration${iterations === 1 ? "" : "s"}`);
  if (branches) parts.push(`${branches} branch${branches === 1 ? "" : "es"}`);
  return parts.join(" · ");
}
