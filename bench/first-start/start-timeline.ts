/** One line a started process printed, `ms` after it was started. */
export interface TimedLine {
  ms: number;
  text: string;
}

export interface Milestone {
  name: string;
  /** ms after the start; null when the output never showed it */
  ms: number | null;
}

/**
 * What `statelens serve --demo` and `next build` print on the way to a served dashboard, in the
 * order they usually come. A milestone is the first line matching its pattern; lines printed by
 * a statelens before progress lines existed simply leave theirs empty.
 */
export const START_MILESTONES: readonly { name: string; pattern: RegExp }[] = [
  { name: "migrated", pattern: /store migrated/ },
  { name: "build started", pattern: /building the dashboard|Creating an optimized production build/ },
  { name: "demo data stored", pattern: /demo executions|demo data not loaded/ },
  { name: "compiled", pattern: /Compiled successfully|Compiled with warnings/ },
  { name: "typecheck started", pattern: /Running TypeScript/ },
  { name: "typecheck done", pattern: /Finished TypeScript|Collecting page data/ },
  { name: "pages generated", pattern: /Generating static pages .*\((\d+)\/\1\)|Finalizing page optimization/ },
  { name: "build done", pattern: /statelens dashboard on http|Route \(app\)/ },
  { name: "server ready", pattern: /Ready in/ },
];

/** The first time each milestone shows in `lines` (ANSI colours ignored). */
export function startTimeline(lines: readonly TimedLine[], milestones = START_MILESTONES): Milestone[] {
  return milestones.map(({ name, pattern }) => {
    const hit = lines.find((line) => pattern.test(stripAnsi(line.text)));
    return { name, ms: hit ? hit.ms : null };
  });
}

/** The longest stretch without output between `fromMs` and `toMs`: how long a user stares at a still terminal. */
export function longestSilence(lines: readonly TimedLine[], fromMs: number, toMs: number): { ms: number; after: string } {
  let last = fromMs;
  let lastText = "(start)";
  let best = { ms: 0, after: lastText };
  for (const line of [...lines].sort((a, b) => a.ms - b.ms)) {
    if (line.ms < fromMs || line.ms > toMs) continue;
    if (line.ms - last > best.ms) best = { ms: line.ms - last, after: lastText };
    last = line.ms;
    lastText = stripAnsi(line.text).trim();
  }
  if (toMs - last > best.ms) best = { ms: toMs - last, after: lastText };
  return best;
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}
