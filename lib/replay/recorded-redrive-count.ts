/** AWS introduced redrive, and `$$.Execution.RedriveCount` with it, on 2023-11-15. */
const REDRIVE_LAUNCH_MS = Date.parse("2023-11-15T00:00:00Z");

/**
 * `$$.Execution.RedriveCount` as the recorded execution's context object had it: null (absent)
 * for executions started before AWS introduced redrive, else the stored count (default 0).
 */
export function recordedRedriveCount(startMs: number, stored: number | null | undefined): number | null {
  if (startMs < REDRIVE_LAUNCH_MS) return null;
  return stored ?? 0;
}
