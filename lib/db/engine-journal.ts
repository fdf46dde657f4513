import type { EngineChange, EngineJournal, EngineRecord, EngineRecordKind } from "../model/engine-journal";
import type { Db } from "./client";
import { acquireLease, releaseLease, renewLease } from "./leases";
import { processHolder } from "./lease-holder";
import { retryWrite } from "./retry-write";

/** How long the engine's claim on its scope lasts unless renewed (renewed every third of it). */
const LEASE_TTL_MS = 30_000;

export interface StoredEngineJournal extends EngineJournal {
  /** Gives up the scope (the process ends). */
  close(): Promise<void>;
}

/**
 * The local engine's state in the store's EngineRecord table, under one scope ("<region>:<account>").
 * One process at a time may hold a scope: a second engine on the same store and scope is refused
 * with an error naming the holder (two writers would overwrite each other's executions); a holder
 * killed with SIGKILL leaves no claim behind on this machine (see leases.ts).
 */
export async function openEngineJournal(db: Db, scope: string): Promise<StoredEngineJournal> {
  const key = `engine:${scope}`;
  const holder = processHolder();
  if (!(await acquireLease(db, key, holder, LEASE_TTL_MS))) {
    const current = await db.lease.findUnique({ where: { key }, select: { holder: true } });
    throw new Error(
      `another statelens engine (${current?.holder ?? "unknown"}) runs the local Step Functions state of ${scope} in this store; stop it, or use another --region/--account`,
    );
  }
  let lost = false;
  const renew = setInterval(() => {
    renewLease(db, key, holder, LEASE_TTL_MS).then(
      (held) => (lost ||= !held),
      () => undefined,
    );
  }, LEASE_TTL_MS / 3);
  renew.unref?.();
  return {
    async load(): Promise<EngineRecord[]> {
      const rows = await db.engineRecord.findMany({ where: { scope }, select: { kind: true, key: true, body: true } });
      return rows.map((row) => ({ kind: row.kind as EngineRecordKind, key: row.key, body: row.body }));
    },
    async write(changes: readonly EngineChange[]): Promise<void> {
      if (lost) throw new Error(`the claim on the local engine state of ${scope} was lost (another engine took it)`);
      const updatedAt = new Date();
      await retryWrite(() =>
        db.$transaction(
          changes.map((change) =>
            change.body === null
              ? db.engineRecord.deleteMany({ where: { scope, kind: change.kind, key: change.key } })
              : db.engineRecord.upsert({
                  where: { scope_kind_key: { scope, kind: change.kind, key: change.key } },
                  create: { scope, kind: change.kind, key: change.key, body: change.body, updatedAt },
                  update: { body: change.body, updatedAt },
                }),
          ),
        ),
      );
    },
    async close(): Promise<void> {
      clearInterval(renew);
      await releaseLease(db, key, holder);
    },
  };
}
