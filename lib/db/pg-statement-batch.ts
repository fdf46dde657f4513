import type pg from "pg";
import type { SqlValue } from "./execution-rows";

/** A bind parameter: a value, or an array (one parameter, e.g. for `= ANY($1::text[])`). */
export type Param = SqlValue | readonly SqlValue[];

/** A query on the transaction's client. */
export type PgQuery = (text: string, values?: Param[], name?: string) => Promise<pg.QueryResult>;

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
  private values: Param[] = [];

  constructor(private readonly client: pg.PoolClient) {}

  /** One statement whose `$1..$n` mark `values` (renumbered into the batch). */
  async add(text: string, values: readonly Param[]): Promise<void> {
    if (this.values.length + values.length > MAX_PARAMS) await this.flush();
    const offset = this.values.length;
    this.parts.push(offset === 0 ? text : text.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`));
    for (const v of values) this.values.push(v);
  }

  /**
   * Rows of `columns`, each group's rows prefixed with its `owner` (e.g. the execution's id), in as
   * few multi-row INSERTs as the parameter limit allows: one for the rows of many owners.
   */
  async addRows(
    table: string,
    columns: readonly string[],
    groups: readonly { owner: readonly SqlValue[]; rows: readonly SqlValue[][] }[],
  ): Promise<void> {
    const head = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
    let tuples: string[] = [];
    let n = this.values.length;
    const end = () => {
      if (tuples.length > 0) this.parts.push(head + tuples.join(", "));
      tuples = [];
    };
    for (const { owner, rows } of groups) {
      for (const row of rows) {
        if (n + columns.length > MAX_PARAMS) {
          end();
          await this.flush();
          n = 0;
        }
        const marks: string[] = [];
        for (let c = 0; c < columns.length; c++) marks.push(`$${++n}`);
        tuples.push(`(${marks.join(", ")})`);
        for (const v of owner) this.values.push(v);
        for (const v of row) this.values.push(v);
      }
    }
    end();
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
