import type { EngineChange, EngineJournal, EngineRecord } from "../../lib/sfn-api/engine-records";

/**
 * An EngineJournal in memory that can be "killed": from `kill()` on it takes no more writes, as a
 * store would after the process died with SIGKILL. `records()` is what a restarted engine loads.
 */
export function memoryJournal(
  initial: readonly EngineRecord[] = [],
): EngineJournal & { kill(): void; records(): EngineRecord[]; writes: number } {
  const rows = new Map<string, EngineRecord>(initial.map((r) => [`${r.kind}\u0000${r.key}`, { ...r }]));
  let dead = false;
  const journal = {
    writes: 0,
    kill() {
      dead = true;
    },
    records: () => [...rows.values()].map((r) => ({ ...r })),
    async load() {
      return journal.records();
    },
    async write(changes: readonly EngineChange[]) {
      if (dead) return new Promise<void>(() => {});
      journal.writes++;
      for (const change of changes) {
        const id = `${change.kind}\u0000${change.key}`;
        if (change.body === null) rows.delete(id);
        else rows.set(id, { kind: change.kind, key: change.key, body: change.body });
      }
    },
  };
  return journal;
}
