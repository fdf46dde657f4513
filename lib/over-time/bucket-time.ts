export type Granularity = "hour" | "day";

/** Start (ms, UTC) of the hour or day a time falls in. */
export function bucketStart(t: number, granularity: Granularity): number {
  const unit = granularity === "hour" ? 3_600_000 : 86_400_000;
  return Math.floor(t / unit) * unit;
}

/** "Oct 1" for days, "Oct 1 09:00" for hours (UTC). */
export function bucketLabel(t: number, granularity: Granularity): string {
  const d = new Date(t);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  return granularity === "day" ? day : `${day} ${String(d.getUTCHours()).padStart(2, "0")}:00`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
