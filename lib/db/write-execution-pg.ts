import type pg from "pg";
import { decideBatch, mergeBatch } from "./batch-plan";
import { bucketWrites, dropEmptiedSqlPg, netBucketWrites, qualifiedTable, upsertSql } from "./bucket-writes";
import { ownerIds, forgetKnownIds } from "./pg-owner-ids";
import { MAX_PARAMS, StatementBatch, type Param, type PgQuery } from "./pg-statement-batch";
import { lockStored, storedRunsOf } from "./pg-stored-executions";
import { dateValue } from "./bulk-insert";
import { EVENT_COLUMNS, STATE_RUN_COLUMNS, type ExecutionRows, type SqlValue } from "./execution-rows";
import type { SaveOutcome } from "./write-execution-sqlite";

/**
 * Writes one execution's rows through node-postgres in one transaction (READ COMMITTED, as
 * Prisma's were): writeExecutionsPg with a batch of one.
 */
export async function writeExecutionPg(pool: pg.Pool, schema: string, rows: ExecutionRows): Promise<{ outcome: SaveOutcome; id: string }> {
  return (await writeExecutionsPg(pool, schema, [rows]))[0];
}

/**
 * Writes several executions in ONE transaction, leaving exactly the rows and answering the
 * outcomes that saving them one after another would (in order, so an ARN given twice is inserted
 * then compared or replaced), in a handful of round trips whatever the batch's size: the stored
 * executions are read and locked in one query, the outcomes decided from them
 * (lib/db/batch-plan.ts), then the rows of all written executions go in one statement of
 * multi-row INSERTs, one per table (lib/db/pg-statement-batch.ts; more above 60,000 parameters),
 * with each over-time bucket upserted once, summed over the batch. A replaced execution costs a
 * read of its state runs and a delete statement more; emptied buckets one more. Any error rolls
 * the whole batch back. Values cross the pool's NUL-safe client (lib/db/nul-safe-pg.ts) like
 * Prisma's.
 */
export async function writeExecutionsPg(
  pool: pg.Pool,
  schema: string,
  batchRows: readonly ExecutionRows[],
): Promise<{ outcome: SaveOutcome; id: string }[]> {
  const client = await pool.connect();
  const q = (text: string, values: Param[] = [], name?: string) => client.query({ text, values, ...(name ? { name } : {}) });
  let broken = false;
  const learned: (() => void)[] = [];
  try {
    await q("BEGIN");
    try {
      const results = await writeBatch(client, q, pool, schema, batchRows, learned);
      await q("COMMIT");
      for (const learn of learned) learn();
      return results;
    } catch (error) {
      forgetKnownIds(pool); // e.g. a cached machine deleted meanwhile (foreign key): look them up again
      await q("ROLLBACK").catch(() => (broken = true));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** The batch's statements inside the caller's open transaction. */
async function writeBatch(
  client: pg.PoolClient,
  q: PgQuery,
  pool: pg.Pool,
  schema: string,
  batch: readonly ExecutionRows[],
  learned: (() => void)[],
): Promise<{ outcome: SaveOutcome; id: string }[]> {
  const t = (name: string) => qualifiedTable(schema, name);
  const stored = await lockStored(q, t, batch);
  const decision = decideBatch(batch, stored);
  if (decision.written.length === 0) return decision.results;
  const now = dateValue(new Date(), "postgresql");
  const owners = await ownerIds(
    q,
    t,
    pool,
    schema,
    decision.written.map((i) => batch[i]),
    now,
    learned,
  );
  const { executions, contributions } = mergeBatch(batch, decision, owners, stored, await storedRunsOf(q, t, batch, decision, stored));

  const replaced = executions.filter((e) => e.stored).map((e) => e.id);
  if (replaced.length > 0) {
    // before the inserts, in a statement of their own: a new event may take a deleted one's key
    const deletes = new StatementBatch(client);
    await deletes.add(`DELETE FROM ${t("HistoryEvent")} WHERE "executionId" = ANY($1::text[])`, [replaced]);
    await deletes.add(`DELETE FROM ${t("StateRun")} WHERE "executionId" = ANY($1::text[])`, [replaced]);
    await deletes.flush();
  }
  // in one statement where the parameters allow: the events' foreign keys are checked at its end
  const writes = new StatementBatch(client);
  const inserts = new Map<string, { columns: string[]; rows: SqlValue[][] }>();
  for (const e of executions) {
    const values = e.columns.map(([, value]) => value);
    if (e.stored) {
      const set = e.columns.map(([column], i) => `"${column}" = $${i + 1}`).join(", ");
      const n = values.length;
      await writes.add(
        `UPDATE ${t("Execution")} SET ${set}, "stateMachineId" = $${n + 1}, "versionId" = $${n + 2}, "updatedAt" = $${n + 3} WHERE "id" = $${n + 4}`,
        [...values, e.owner.stateMachineId, e.owner.versionId, now, e.id],
      );
      continue;
    }
    const columns = ["id", "executionArn", ...e.columns.map(([column]) => column), "stateMachineId", "versionId", "createdAt", "updatedAt"];
    const shape = columns.join("\u0000"); // a replay has three columns more
    const group = inserts.get(shape) ?? { columns, rows: [] };
    group.rows.push([e.id, e.executionArn, ...values, e.owner.stateMachineId, e.owner.versionId, now, now]);
    inserts.set(shape, group);
  }
  for (const { columns, rows } of inserts.values()) await writes.addRows(t("Execution"), columns, [{ owner: [], rows }]);
  await writes.addRows(
    t("HistoryEvent"),
    EVENT_COLUMNS,
    executions.map((e) => ({ owner: [e.id], rows: e.events })),
  );
  await writes.addRows(
    t("StateRun"),
    STATE_RUN_COLUMNS,
    executions.map((e) => ({ owner: [e.id, e.owner.stateMachineId, e.owner.versionId], rows: e.stateRuns })),
  );
  const buckets = netBucketWrites(
    bucketWrites(contributions.added.executions, contributions.added.runs, 1, "postgresql"),
    bucketWrites(contributions.removed.executions, contributions.removed.runs, -1, "postgresql"),
  );
  for (const w of buckets) {
    for (const chunk of chunks(w.rows, w.key.length + w.sums.length))
      await writes.add(upsertSql(w, "postgresql", schema, chunk.length), chunk.flat());
  }
  await writes.flush();
  // after the upserts: the buckets a removal left empty
  const drops = new StatementBatch(client);
  for (const w of buckets) {
    for (const chunk of chunks(w.starts, 2)) await drops.add(dropEmptiedSqlPg(w, schema, chunk.length), chunk.flat());
  }
  await drops.flush();
  return decision.results;
}

/** `rows` in runs that fit a statement's parameters, `width` parameters a row. */
function chunks<T>(rows: readonly T[], width: number): T[][] {
  const per = Math.floor(MAX_PARAMS / width);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}
