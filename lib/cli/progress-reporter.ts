import type { IngestProgress, IngestSummary } from "../ingest/types";
import { printableLine } from "../text/printable";

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressReporter {
  update(progress: IngestProgress): void;
  /** Clears the bar (TTY) before other output. */
  clear(): void;
  finish(): void;
}

const SPINNER = "|/-\\";

/**
 * Ingestion progress for a terminal: on a TTY one redrawn line (bar when a total is known, counts,
 * rate and ETA); otherwise a plain line per state machine or file and one every `logEveryMs`.
 */
export function createProgressReporter(
  output: ProgressOutput,
  unit: string,
  now: () => number = Date.now,
  logEveryMs = 10_000,
): ProgressReporter {
  const started = now();
  let lastDraw = 0;
  let lastLog = started;
  let lastTarget = "";
  let drawn = false;
  let frame = 0;
  const tty = output.isTTY === true;

  // AWS ingestion learns its total per state machine (after listing it); later events carry none.
  let knownTotal: number | null = null;
  const line = (p: IngestProgress): string => {
    const elapsed = Math.max(1, now() - started) / 1000;
    const rate = p.done / elapsed;
    const counts = countsText(p.summary);
    const total = p.total ?? (knownTotal !== null && p.done <= knownTotal ? knownTotal : null);
    if (total !== null && total > 0) {
      const fraction = Math.min(1, p.done / total);
      const width = 20;
      const filled = Math.round(fraction * width);
      const eta = rate > 0 && p.done < total ? `ETA ${clock((total - p.done) / rate)}` : "";
      return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${total} ${unit} ${Math.round(fraction * 100)}%  ${counts}  ${eta}`.trimEnd();
    }
    frame = (frame + 1) % SPINNER.length;
    return `${SPINNER[frame]} ${p.done} ${unit} (${rate.toFixed(1)}/s)  ${counts}  ${clock(elapsed)}`;
  };

  return {
    update(p) {
      if (p.phase === "done") return;
      if (p.total !== null) knownTotal = p.total;
      const t = now();
      if (tty) {
        if (t - lastDraw < 100) return;
        lastDraw = t;
        const width = (output.columns || 100) - 1;
        output.write(`\r\x1b[2K${line(p).slice(0, width)}`);
        drawn = true;
        return;
      }
      if (p.target !== lastTarget && p.phase !== "execution") {
        lastTarget = p.target;
        output.write(`${p.phase === "file" ? "file" : "reading"} ${printableLine(p.target)}  (${p.done} ${unit} so far)\n`);
      } else if (t - lastLog >= logEveryMs) {
        lastLog = t;
        output.write(`${line(p)}\n`);
      }
    },
    clear() {
      if (drawn) output.write("\r\x1b[2K");
      drawn = false;
    },
    finish() {
      this.clear();
    },
  };
}

/** "12 new, 3 unchanged, 1 error": zero counts other than new are left out to fit a terminal line. */
function countsText(s: IngestSummary): string {
  const parts = [`${s.inserted} new`];
  if (s.updated) parts.push(`${s.updated} updated`);
  if (s.unchanged) parts.push(`${s.unchanged} unchanged`);
  if (s.errors.length) parts.push(`${s.errors.length} error${s.errors.length === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** 75 -> "1:15", 3725 -> "1:02:05" */
function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}
