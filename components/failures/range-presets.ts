/** The ranges the failures and overview pages offer, newest `ms` up to now. */
export const RANGE_PRESETS = [
  { id: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { id: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { id: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
  { id: "90d", label: "Last 90 days", ms: 90 * 86_400_000 },
  // from the oldest stored execution (imported histories can be years old); ms is the fallback for an empty store
  { id: "all", label: "All time", ms: 90 * 86_400_000 },
] as const;

export type RangePresetId = (typeof RANGE_PRESETS)[number]["id"];

/**
 * The range a page asks for: explicit `since`/`until` (ISO) win, else the preset (default 7 days)
 * ending now; "all" starts at `oldest` (the oldest stored execution's start), so the page shows
 * everything stored. Unparseable dates fall back to the preset rather than failing the page.
 */
export function pageRange(
  params: { range?: string; since?: string; until?: string },
  now = new Date(),
  oldest: Date | null = null,
): { preset: RangePresetId | null; since: Date; until: Date } {
  const valid = (text: string | undefined) => (text && !Number.isNaN(Date.parse(text)) ? new Date(text) : null);
  const since = valid(params.since);
  const until = valid(params.until);
  const preset = RANGE_PRESETS.find((p) => p.id === params.range) ?? RANGE_PRESETS[1];
  if (since || until) {
    const end = until ?? now;
    return { preset: null, since: since ?? new Date(end.getTime() - preset.ms), until: end };
  }
  if (preset.id === "all" && oldest && oldest < now) return { preset: preset.id, since: oldest, until: now };
  return { preset: preset.id, since: new Date(now.getTime() - preset.ms), until: now };
}

/** The range just before `range`, of the same length (the overview's "change against"). */
export function previousRange(range: { since: Date; until: Date }): { since: Date; until: Date } {
  const length = range.until.getTime() - range.since.getTime();
  return { since: new Date(range.since.getTime() - length), until: new Date(range.since.getTime()) };
}
