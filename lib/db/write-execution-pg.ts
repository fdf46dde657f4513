import { createHash } from "node:crypto";
import type pg from "pg";
import { bucketWrites, dropEmptySql, qualifiedTable, tuples, upsertSql, type BucketWrite } from "./bucket-writes";
import { dateValue } from "./bulk-insert";
import { EVENT_COLUMNS, newId, sameState, STATE_RUN_COLUMNS, type ExecutionRows, type SqlValue } from "./execution-rows";
import type { ExecutionContribution, StateRunContribution } from "./over-time-buckets";
import type { SaveOutcome } from "./write-execution-sqlite";

/** PostgreSQL takes at most 65,535 bind parameters per statement. */
const MAX_PARAMS = 60_000;

/**
 * Writes one execution's rows through node-postgres in one transaction (READ COMMITTED, as
 * Prisma's were): the stored row is locked first (FOR UPDATE), so two writers replacing one
 * execution take turns; two inserting it at once collide on its unique ARN and the loser runs
 * again (lib/db/retry-write.ts). Events and state runs go in multi-row INSERTs of up to 60,000
 * parameters, each a named statement that the connection prepares once and reuses.
 * Values cross the pool's NUL-safe client (lib/db/nul-safe-pg.ts) like Prisma's.
 */
export async function writeExecutionPg(pool: pg.Pool, schema: string, rows: ExecutionRows): Promise<{ outcome: SaveOutcome; id: string }> {
  const client = await pool.connect();
  const t = (name: string) => qualifiedTable(schema, name);
  const q = (text: string, values: SqlValue[] = [], name?: string) => client.query({ text, values, ...(name ? { name } : {}) });
  let broken = false;
  try {
    await q("BEGIN");
    try {
      const found = await q(
        `SELECT "id", "status", "redriveCount", "eventCount", "incomplete" FROM ${t("Execution")} WHERE "executionArn" = $1 FOR UPDATE`,
        [rows.executionArn],
      );
      const current = found.rows[0] as (ExecutionRows["state"] & { id: string }) | undefined;
      if (current && sameState(current, rows)) {
        await q("COMMIT");
        return { outcome: "unchanged", id: current.id };
      }
      const now = dateValue(new Date(), "postgresql");
      const m = rows.machine;
      await q(
        `INSERT INTO ${t("StateMachine")} ("id", "arn", "name", "type", "region", "accountId", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ("arn") DO NOTHING`,
        [newId(), m.arn, m.name, m.type, m.region, m.accountId, now],
      );
      const machineId = (await q(`SELECT "id" FROM ${t("StateMachine")} WHERE "arn" = $1`, [m.arn])).rows[0].id as string;
      const versionId = rows.version ? await versionFor(q, t, machineId, rows.version, now) : null;

      let id: string;
      const values = rows.execution.map(([, value]) => value);
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
        await q(
          `INSERT INTO ${t("Execution")} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples("postgresql", 1, columns.length)}`,
          [id, rows.executionArn, ...values, machineId, versionId, now, now],
        );
      }
      await insertMany(q, t("HistoryEvent"), EVENT_COLUMNS, rows.events, [id]);
      await insertMany(q, t("StateRun"), STATE_RUN_COLUMNS, rows.stateRuns, [id, machineId, versionId]);
      if (rows.contribution) {
        const runs = rows.runs.map((r) => ({ ...r, stateMachineId: machineId, versionId }));
        const writes = bucketWrites([{ ...rows.contribution, stateMachineId: machineId, versionId }], runs, 1, "postgresql");
        await applyBuckets(q, schema, writes, false);
      }
      await q("COMMIT");
      return { outcome: current ? "updated" : "inserted", id };
    } catch (error) {
      await q("ROLLBACK").catch(() => (broken = true));
      throw error;
    }
  } finally {
    client.release(broken);
  }
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

/**
 * Multi-row INSERTs of `rows`, each prefixed with `owner` (the ids). Chunks are powers of two
 * rows (157 = 128 + 16 + 8 + 4 + 1), each a named statement: a connection prepares each shape
 * once and then sends only values, and a table has at most 14 shapes, so the statements a
 * long-lived connection keeps stay few whatever the history lengths.
 */
async function insertMany(
  q: Query,
  table: string,
  columns: readonly string[],
  rows: readonly SqlValue[][],
  owner: SqlValue[],
): Promise<void> {
  const largest = 2 ** Math.floor(Math.log2(MAX_PARAMS / columns.length));
  const head = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  for (let i = 0; i < rows.length;) {
    const count = Math.min(largest, 2 ** Math.floor(Math.log2(rows.length - i)));
    const values: SqlValue[] = [];
    for (let r = i; r < i + count; r++) values.push(...owner, ...rows[r]);
    const { text, name } = shape(head, count, columns.length);
    await q(text, values, name);
    i += count;
  }
}

const shapes = new Map<string, { text: string; name: string }>();

/** The statement text of `count` rows and its name (by content: one text, one name, on every connection). */
function shape(head: string, count: number, columns: number): { text: string; name: string } {
  const key = `${head}${count}`;
  let known = shapes.get(key);
  if (!known) {
    known = {
      text: head + tuples("postgresql", count, columns),
      name: `statelens_${createHash("sha1").update(key).digest("hex").slice(0, 24)}`,
    };
    if (shapes.size >= 1_000) shapes.clear();
    shapes.set(key, known);
  }
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
