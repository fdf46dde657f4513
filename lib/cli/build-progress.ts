export interface BuildProgress {
  /** a line the build printed */
  line(text: string): void;
  /** called every second or so: prints a "still building" line after `quietMs` without output */
  tick(): void;
}

/**
 * Progress of the first start's `next build`, which can stay silent for minutes while it compiles
 * or type-checks on a small machine: after `quietMs` without a line from the build, and every
 * `quietMs` after that, one line saying how long it has been building and what it was last doing.
 */
export function buildProgress(print: (text: string) => void, now: () => number = Date.now, quietMs = 15_000): BuildProgress {
  const started = now();
  let lastOutput = started;
  let doing = "starting Next.js";
  return {
    line(text) {
      lastOutput = now();
      const phase = phaseOf(text);
      if (phase) doing = phase;
    },
    tick() {
      const at = now();
      if (at - lastOutput < quietMs) return;
      lastOutput = at;
      print(`statelens: still building the dashboard (${elapsed(at - started)} so far; ${doing})`);
    },
  };
}

/** What Next.js is busy with after printing `text`, in words; null for lines that do not say. */
export function phaseOf(text: string): string | null {
  if (/Creating an optimized production build/.test(text)) return "compiling";
  if (/Running TypeScript/.test(text)) return "type-checking the dashboard's code";
  if (/Collecting page data/.test(text)) return "collecting page data";
  if (/Generating static pages/.test(text)) return "generating pages";
  if (/Finalizing page optimization|Collecting build traces/.test(text)) return "finishing";
  // "✓ Finished writing to filesystem cache" and the like end side work: the phase goes on
  return null;
}

function elapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}
