/** Colour family of an execution status (SUCCEEDED...) or a state/run status (succeeded...). */
export type Tone = "ok" | "fail" | "warn" | "info" | "muted";

const TONES: Record<string, Tone> = {
  SUCCEEDED: "ok",
  FAILED: "fail",
  TIMED_OUT: "fail",
  ABORTED: "warn",
  PENDING_REDRIVE: "warn",
  RUNNING: "info",
  succeeded: "ok",
  retried: "ok",
  failed: "fail",
  caught: "warn",
  aborted: "warn",
  "in-progress": "info",
  "not-reached": "muted",
};

export function toneOf(status: string): Tone {
  return TONES[status] ?? "muted";
}

/** "TIMED_OUT" -> "Timed out", "in-progress" -> "In progress". */
export function statusLabel(status: string): string {
  const words = status.replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
