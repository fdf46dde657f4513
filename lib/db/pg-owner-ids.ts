import type pg from "pg";
import type { OwnerIds } from "./batch-plan";
import { newId, type ExecutionRows } from "./execution-rows";
import type { PgQuery } from "./pg-statement-batch";

type Query = PgQuery;

/**
 * The machine and version ids of the written executions, in order, inserting new ones: looked up
 * once per batch, and remembered for the pool's later batches once this one commits.
 */
export async function ownerIds(
  q: Query,
  t: (name: string) => string,
  pool: pg.Pool,
  schema: string,
  written: readonly ExecutionRows[],
  now: string,
  learned: (() => void)[],
): Promise<OwnerIds[]> {
  const known = knownIds(pool);
  const found = new Map<string, string>();
  const idOf = async (key: string, lookUp: () => Promise<string>) => {
    let id = found.get(key) ?? known.get(key);
    if (!id) id = await lookUp();
    found.set(key, id);
    return id;
  };
  const owners: OwnerIds[] = [];
  for (const rows of written) {
    const machineId = await idOf(`${schema}\u0000${rows.machine.arn}`, () => machineFor(q, t, rows.machine, now));
    const version = rows.version;
    const versionId = version
      ? await idOf(`${schema}\u0000${machineId}\u0000${version.hash}`, () => versionFor(q, t, machineId, version, now))
      : null;
    owners.push({ stateMachineId: machineId, versionId });
  }
  // known only after the commit
  learned.push(() => {
    for (const [key, id] of found) known.set(key, id);
  });
  return owners;
}

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

/** Forgets the pool's known ids (after a failed save: e.g. a cached machine deleted meanwhile, a foreign key). */
export function forgetKnownIds(pool: pg.Pool): void {
  knownByPool.delete(pool);
}
