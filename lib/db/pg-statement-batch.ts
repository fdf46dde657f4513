import type pg from "pg";
import type { SqlValue } from "./execution-rows";

/** PostgreSQL takes at most 65,535 bind parameters per statement. */
export const MAX_PARAMS = 60_000;

/**
 * Writes that need no answer, sent together: each is one data-modifying CTE of a single
 * statement (`WITH w1 AS (INSERT ...), w2 AS (INSERT ...) SELECT 1`), so an execution with its
 * events, state runs and bucket upserts costs one round trip instead of one per table; a new
 * statement starts when the parameters would pass MAX_PARAMS. The parts run on one snapshot, so
 * they must not touch the same rows (a delete and an insert of one key, two upserts of one bucket).
 */
export class StatementBatch {
  private parts: string[] = [];
  private values: SqlValue[] = [];

  constructor(private readonly client: pg.PoolClient) {}

  /** One statement whose `$1..$n` mark `values` (renumbered into the batch). */
  async add(text: string, values: readonly SqlValue[]): Promise<void> {
    if (this.values.length + values.length > MAX_PARAMS) await this.flush();
    const offset = this.values.length;
    this.parts.push(offset === 0 ? text : text.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`));
    for (const v of values) this.values.push(v);
  }

  /** Rows of `columns` (each row prefixed with `owner`), in as few multi-row INSERTs as the parameter limit allows. */
  async addRows(table: string, columns: readonly string[], rows: readonly SqlValue[][], owner: readonly SqlValue[]): Promise<void> {
    const head = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
    for (let i = 0; i < rows.length;) {
      const room = Math.floor((MAX_PARAMS - this.values.length) / columns.length);
      if (room < 1) {
        await this.flush();
        continue;
      }
      const count = Math.min(room, rows.length - i);
      const tuples: string[] = [];
      let n = this.values.length;
      for (let r = i; r < i + count; r++) {
        const marks: string[] = [];
        for (let c = 0; c < columns.length; c++) marks.push(`$${++n}`);
        tuples.push(`(${marks.join(", ")})`);
        for (const v of owner) this.values.push(v);
        for (const v of rows[r]) this.values.push(v);
      }
      this.parts.push(head + tuples.join(", "));
      i += count;
    }
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.length === 1 ? this.parts[0] : `WITH ${this.parts.map((p, i) => `w${i} AS (${p})`).join(", ")} SELECT 1`;
    const values = this.values;
    this.parts = [];
    this.values = [];
    await this.client.query({ text, values });
  }
}
