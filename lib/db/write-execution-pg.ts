import type pg from "pg";
import { bucketWrites, dropEmptySql, qualifiedTable, tuples, upsertSql, type BucketWrite } from "./bucket-writes";
import { MAX_PARAMS, StatementBatch } from "./pg-statement-batch";
import { dateValue } from "./bulk-insert";
import { EVENT_COLUMNS, newId, sameState, STATE_RUN_COLUMNS, type ExecutionRows, type SqlValue } from "./execution-rows";
import type { ExecutionContribution, StateRunContribution } from "./over-time-buckets";
import type { SaveOutcome } from "./write-execution-sqlite";

/**
 * Writes one execution's rows through node-postgres in one transaction (READ COMMITTED, as
 * Prisma's were): the stored row is locked first (FOR UPDATE), so two writers replacing one
 * execution take turns; two inserting it at once collide on its unique ARN and the loser runs
 * again (lib/db/retry-write.ts). The Execution row, its events, state runs and bucket upserts go
 * in one statement of multi-row INSERTs (lib/db/pg-statement-batch.ts; more above 60,000
 * parameters), so a save costs a handful of round trips whatever its size.
 * Values cross the pool's NUL-safe client (lib/db/nul-safe-pg.ts) like Prisma's.
 */
export async function writeExecutionPg(pool: pg.Pool, schema: string, rows: ExecutionRows): Promise<{ outcome: SaveOutcome; id: string }> {
  return (await writeExecutionsPg(pool, schema, [rows]))[0];
}

/**
 * Writes several executions in ONE transaction, each exactly as writeExecutionPg writes it (in
 * order, so an ARN given twice is inserted then compared or replaced): one BEGIN/COMMIT for the
 * batch instead of one per execution. Any error rolls the whole batch back.
 */
export async function writeExecutionsPg(
  pool: pg.Pool,
  schema: string,
  batchRows: readonly ExecutionRows[],
): Promise<{ outcome: SaveOutcome; id: string }[]> {
  const client = await pool.connect();
  const q = (text: string, values: SqlValue[] = [], name?: string) => client.query({ text, values, ...(name ? { name } : {}) });
  let broken = false;
  const learned: (() => void)[] = [];
  try {
    await q("BEGIN");
    try {
      const results: { outcome: SaveOutcome; id: string }[] = [];
      for (const rows of batchRows) results.push(await writeOne(client, q, pool, schema, rows, learned));
      await q("COMMIT");
      for (const learn of learned) learn();
      return results;
    } catch (error) {
      knownByPool.delete(pool); // e.g. a cached machine deleted meanwhile (foreign key): look them up again
      await q("ROLLBACK").catch(() => (broken = true));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** One execution's statements inside the caller's open transaction. */
async function writeOne(
  client: pg.PoolClient,
  q: Query,
  pool: pg.Pool,
  schema: string,
  rows: ExecutionRows,
  learned: (() => void)[],
): Promise<{ outcome: SaveOutcome; id: string }> {
  const t = (name: string) => qualifiedTable(schema, name);
  const found = await q(
    `SELECT "id", "status", "redriveCount", "eventCount", "incomplete" FROM ${t("Execution")} WHERE "executionArn" = $1 FOR UPDATE`,
    [rows.executionArn],
  );
  const current = found.rows[0] as (ExecutionRows["state"] & { id: string }) | undefined;
  if (current && sameState(current, rows)) return { outcome: "unchanged", id: current.id };
  const now = dateValue(new Date(), "postgresql");
  const known = knownIds(pool);
  const machineKey = `${schema}\u0000${rows.machine.arn}`;
  const machineId = known.get(machineKey) ?? (await machineFor(q, t, rows.machine, now));
  const versionKey = rows.version ? `${schema}\u0000${machineId}\u0000${rows.version.hash}` : "";
  const versionId = rows.version ? (known.get(versionKey) ?? (await versionFor(q, t, machineId, rows.version, now))) : null;
  // known only after the commit; meanwhile later executions of this batch find them by their lookups
  learned.push(() => {
    known.set(machineKey, machineId);
    if (versionId) known.set(versionKey, versionId);
  });

  let id: string;
  const values = rows.execution.map(([, value]) => value);
  const batch = new StatementBatch(client);
  if (current) {
    id = current.id;
    await removeStored(q, t, schema, id);
    await q(`DELETE FROM ${t("HistoryEvent")} WHERE "executionId" = $1`, [id]);
    await q(`DELETE FROM ${t("StateRun")} WHERE "executionId" = $1`, [id]);
    const set = rows.execution.map(([column], i) => `"${column}" = $${i + 1}`).join(", ");
    const n = values.length;
    await q(
      `UPDATE ${t("Execution")} SET ${set}, "stateMachineId" = $${n + 1}, "versionId" = $${n + 2}, "updatedAt" = $${n + 3} WHERE "id" = $${n + 4}`,
      [...values, machineId, versionId, now, id],
    );
  } else {
    id = newId();
    const columns = [
      "id",
      "executionArn",
      ...rows.execution.map(([column]) => column),
      "stateMachineId",
      "versionId",
      "createdAt",
      "updatedAt",
    ];
    // in the batch: the events' foreign keys are checked at the end of the statement that inserts them all
    await batch.add(
      `INSERT INTO ${t("Execution")} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples("postgresql", 1, columns.length)}`,
      [id, rows.executionArn, ...values, machineId, versionId, now, now],
    );
  }
  await batch.addRows(t("HistoryEvent"), EVENT_COLUMNS, rows.events, [id]);
  await batch.addRows(t("StateRun"), STATE_RUN_COLUMNS, rows.stateRuns, [id, machineId, versionId]);
  if (rows.contribution) {
    const runs = rows.runs.map((r) => ({ ...r, stateMachineId: machineId, versionId }));
    const writes = bucketWrites([{ ...rows.contribution, stateMachineId: machineId, versionId }], runs, 1, "postgresql");
    for (const w of writes) await batch.add(upsertSql(w, "postgresql", schema, w.rows.length), w.rows.flat());
  }
  await batch.flush();
  return { outcome: current ? "updated" : "inserted", id };
}

type Query = (text: string, values?: SqlValue[], name?: string) => Promise<pg.QueryResult>;

async function versionFor(
  q: Query,
  t: (name: string) => string,
  machineId: string,
  version: NonNullable<ExecutionRows["version"]>,
  now: string,
): Promise<string> {
  const found = await q(`SELECT "id" FROM ${t("StateMachineVersion")} WHERE "stateMachineId" = $1 AND "hash" = $2`, [
    machineId,
    version.hash,
  ]);
  if (found.rows[0]) return found.rows[0].id as string;
  const last = await q(`SELECT max("number") AS n FROM ${t("StateMachineVersion")} WHERE "stateMachineId" = $1`, [machineId]);
  const id = newId();
  // a concurrent writer taking the same number fails this on the unique key: the save runs again
  await q(
    `INSERT INTO ${t("StateMachineVersion")} ("id", "stateMachineId", "hash", "number", "definition", "versionArn", "revisionId", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, machineId, version.hash, Number(last.rows[0]?.n ?? 0) + 1, version.definition, version.versionArn, version.revisionId, now],
  );
  return id;
}

/** The state machine's id, inserting it when it is new (a concurrent insert of the same ARN waits for ours, or we for it). */
async function machineFor(q: Query, t: (name: string) => string, m: ExecutionRows["machine"], now: string): Promise<string> {
  const inserted = await q(
    `WITH ins AS (INSERT INTO ${t("StateMachine")} ("id", "arn", "name", "type", "region", "accountId", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ("arn") DO NOTHING RETURNING "id") ` +
      `SELECT "id" FROM ins UNION ALL SELECT "id" FROM ${t("StateMachine")} WHERE "arn" = $2`,
    [newId(), m.arn, m.name, m.type, m.region, m.accountId, now],
  );
  if (inserted.rows[0]) return inserted.rows[0].id as string;
  // inserted by a concurrent writer that committed after this statement's snapshot: a new one sees it
  return (await q(`SELECT "id" FROM ${t("StateMachine")} WHERE "arn" = $1`, [m.arn])).rows[0].id as string;
}

/**
 * Machine and version ids already committed through this pool, so saving many executions of one
 * machine skips looking them up; dropped whole when a save fails (e.g. on a foreign key, a row
 * deleted behind our back), and learned only after a commit.
 */
const knownByPool = new WeakMap<pg.Pool, Map<string, string>>();
function knownIds(pool: pg.Pool): Map<string, string> {
  let known = knownByPool.get(pool);
  if (!known) knownByPool.set(pool, (known = new Map()));
  return known;
}

/** Subtracts the stored execution's contribution from the buckets before its rows are replaced. */
async function removeStored(q: Query, t: (name: string) => string, schema: string, id: string): Promise<void> {
  const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${column.replace(/"/g, "")}"`;
  const stored = await q(
    `SELECT "stateMachineId", "versionId", ${iso(`"startDate"`)}, "status", "error", "durationMs", "redriveCount", "source" FROM ${t("Execution")} WHERE "id" = $1`,
    [id],
  );
  const row = stored.rows[0] as (Omit<ExecutionContribution, "startDate"> & { startDate: string }) | undefined;
  if (!row || row.source === "replay") return;
  const runs = (
    await q(
      `SELECT "stateMachineId", "versionId", "stateName", "stateType", ${iso(`"startDate"`)}, "attempts", "failed", "caught", "error" FROM ${t("StateRun")} WHERE "executionId" = $1`,
      [id],
    )
  ).rows.map((r: Record<string, unknown>) => ({ ...r, startDate: new Date(r.startDate as string) })) as StateRunContribution[];
  await applyBuckets(q, schema, bucketWrites([{ ...row, startDate: new Date(row.startDate) }], runs, -1, "postgresql"), true);
}

async function applyBuckets(q: Query, schema: string, writes: BucketWrite[], dropEmptied: boolean): Promise<void> {
  for (const w of writes) {
    const perStatement = Math.floor(MAX_PARAMS / (w.key.length + w.sums.length));
    for (let i = 0; i < w.rows.length; i += perStatement) {
      const chunk = w.rows.slice(i, i + perStatement);
      await q(upsertSql(w, "postgresql", schema, chunk.length), chunk.flat());
    }
  }
  if (!dropEmptied) return;
  for (const w of writes) {
    for (const start of w.starts) await q(dropEmptySql(w, "postgresql", schema), start);
  }
}
