/** Wall-clock times in the list and detail views (pure); durations: components/ui/format-duration.ts. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, "Z")
        .replace("Z", " UTC");
}
