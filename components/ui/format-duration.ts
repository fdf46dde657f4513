/** Human duration: "850 ms", "2.35 s", "4 m 05 s", "1 h 02 m", "3 d 4 h". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  const sign = ms < 0 ? "-" : "";
  const v = Math.abs(ms);
  if (v < 1000) return `${sign}${Math.round(v)} ms`;
  if (v < 60_000) return `${sign}${trim((v / 1000).toFixed(v < 10_000 ? 2 : 1))} s`;
  const s = Math.floor(v / 1000);
  if (v < 3_600_000) return `${sign}${Math.floor(s / 60)} m ${pad(s % 60)} s`;
  if (v < 86_400_000) return `${sign}${Math.floor(s / 3600)} h ${pad(Math.floor(s / 60) % 60)} m`;
  return `${sign}${Math.floor(s / 86_400)} d ${Math.floor(s / 3600) % 24} h`;
}

/** Short wall-clock time with milliseconds, UTC: "09:00:01.250". */
export function formatClock(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "–";
  return new Date(ms).toISOString().slice(11, 23);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function trim(text: string): string {
  return text.replace(/\.?0+$/, "");
}
