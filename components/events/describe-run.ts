import type { PreparedRuns, StateRun } from "../../lib/history/state-run-types";

/** Where a run happened, outermost first: "Top level", "Fan branch 2", "Items iteration 4 › Inner branch 1". */
export function describeRun(run: StateRun, prepared: PreparedRuns): string {
  const parts: string[] = [];
  let frame = prepared.frameByKey.get(run.frameKey);
  while (frame && frame.kind !== "root") {
    const container = frame.containerRunKey ? prepared.runByKey.get(frame.containerRunKey) : undefined;
    const retried = container && container.attempts.length > 1 ? ` (attempt ${frame.attempt + 1})` : "";
    parts.unshift(`${container?.stateName ?? "?"} ${frame.kind} ${frame.kind === "branch" ? frame.index + 1 : frame.index}${retried}`);
    frame = frame.parentFrameKey ? prepared.frameByKey.get(frame.parentFrameKey) : undefined;
  }
  return parts.length ? parts.join(" › ") : "Top level";
}
