const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * `90d`, `12h`, `30m`, `60s`, `2w` -> milliseconds. `what` names the option in the error
 * (`--since: "90" is not a duration ...`).
 */
export function parseDuration(text: string, what: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/i.exec(text);
  if (!match) {
    throw new Error(`${what}: "${text}" is not a duration; write a number and a unit: s, m, h, d or w (e.g. 90d, 12h, 30m, 60s)`);
  }
  const ms = Number(match[1]) * UNITS[match[2].toLowerCase()];
  if (!(ms > 0)) throw new Error(`${what}: the duration must be greater than zero, got "${text}"`);
  if (ms > 100 * 365 * UNITS.d) throw new Error(`${what}: "${text}" is more than 100 years`);
  return Math.round(ms);
}
