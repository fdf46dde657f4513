/** An instant as whole epoch seconds plus nanoseconds, so sub-millisecond timestamps compare exactly. */
export interface Instant {
  seconds: number;
  nanos: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses a timestamp the way AWS's Choice operators accept it: RFC 3339 with an uppercase `T`,
 * an uppercase `Z` or a numeric offset, optional fraction up to nanoseconds. Returns null otherwise.
 */
export function parseTimestamp(text: string): Instant | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetSeconds = 0;
  if (m[8] !== "Z") {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 18 || offsetMinutes > 59) return null;
    offsetSeconds = (m[9] === "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetSeconds;
  return { seconds: utc, nanos: m[7] ? Number(m[7].padEnd(9, "0")) : 0 };
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}
