import pg from "pg";

// PostgreSQL's text and jsonb refuse U+0000, which JSON allows in any string (an error message, a
// state name, a payload that is not JSON). Every string crossing the driver is therefore written
// with U+0000 as U+FFFF "0" and U+FFFF itself doubled, and read back the other way: lossless, and
// a no-op for every string that holds neither (U+FFFF is a Unicode noncharacter, never text).
const MARK = "\uffff";

/** A string as stored: U+0000 -> U+FFFF "0", U+FFFF -> U+FFFF U+FFFF. */
export function encodeNul(text: string): string {
  if (!text.includes("\u0000") && !text.includes(MARK)) return text;
  return text.replace(/[\u0000\uffff]/g, (c) => (c === MARK ? MARK + MARK : `${MARK}0`));
}

/** A stored string as it was written. */
export function decodeNul(text: string): string {
  if (!text.includes(MARK)) return text;
  return text.replace(/\uffff(\uffff|0)/g, (_m, c: string) => (c === MARK ? MARK : "\u0000"));
}

function encodeValue(value: unknown): unknown {
  if (typeof value === "string") return encodeNul(value);
  if (Array.isArray(value)) return value.map(encodeValue);
  return value;
}

function decodeRows(result: pg.QueryResult): pg.QueryResult {
  for (const row of result?.rows ?? []) {
    const cells = row as Record<string | number, unknown>;
    for (const key of Object.keys(cells)) {
      const cell = cells[key];
      if (typeof cell === "string") cells[key] = decodeNul(cell);
      else if (Array.isArray(cell)) cells[key] = cell.map((c) => (typeof c === "string" ? decodeNul(c) : c));
    }
  }
  return result;
}

/** A pg client whose promise queries with a values array encode and decode as above. */
class NulSafeClient extends pg.Client {
  // @ts-expect-error pg's overloads; this one takes the adapter's `{text, values, rowMode, types}` form
  query(config: unknown, values?: unknown, callback?: unknown): unknown {
    const plain = config !== null && typeof config === "object" && typeof (config as { submit?: unknown }).submit !== "function";
    // the adapter's own queries: promise form in a transaction, callback form through pool.query
    const done = typeof values === "function" ? values : callback;
    if (plain && (values === undefined || values === done) && (done === undefined || typeof done === "function")) {
      const query = config as pg.QueryConfig;
      const result = (super.query({ ...query, values: query.values?.map(encodeValue) }) as Promise<pg.QueryResult>).then(decodeRows);
      if (!done) return result;
      const cb = done as (error: Error | null, result?: pg.QueryResult) => void;
      result.then(
        (r) => cb(null, r),
        (error: Error) => cb(error),
      );
      return undefined;
    }
    // @ts-expect-error the other overloads, passed on as they came
    return super.query(config, values, callback);
  }
}

/** A pg pool for @prisma/adapter-pg that stores U+0000 faithfully (see above). */
export function nulSafePool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...config, Client: NulSafeClient as unknown as typeof pg.Client });
}
