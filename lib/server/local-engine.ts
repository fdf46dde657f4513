import { db } from "@/lib/db/client";
import { openEngineJournal } from "@/lib/db/engine-journal";
import { saveExecution } from "@/lib/db/save-execution";
import { createLocalSfnService, openLocalSfnService, type LocalSfnService, type LocalSfnServiceOptions } from "@/lib/sfn-api";

const globalForSfn = globalThis as unknown as { statelensSfn?: Map<string, Promise<LocalSfnService>> };

/**
 * The dashboard's local engine: one local SFN service per region and account in this process
 * (surviving dev reloads), its state kept in the store (lib/db/engine-journal.ts) so a restart of
 * the dashboard goes on where it stopped. POST / answers for the default one (us-east-1,
 * 123456789012, as the SDK's local endpoints expect); "start again" reaches the one an
 * execution's own ARN names, so a run of a demo machine (region `local`) starts on that machine.
 * Executions land in the store when they wait and when they finish.
 */
export function localEngine(region?: string, accountId?: string): Promise<LocalSfnService> {
  const services = (globalForSfn.statelensSfn ??= new Map());
  const key = `${region ?? ""}:${accountId ?? ""}`;
  let service = services.get(key);
  if (!service) {
    service = open(region, accountId);
    // a failed open (the store unreachable, another engine holding the scope) is tried again next time
    service.catch(() => services.delete(key));
    services.set(key, service);
  }
  return service;
}

/**
 * Where the engine keeps its state: "store" (default; one process per store and region/account holds
 * it, others answer 503 naming the holder) or "memory" (lost on restart; for a second dashboard on
 * the same store).
 */
export function engineStateMode(value = process.env.STATELENS_ENGINE_STATE): "store" | "memory" {
  if (value === undefined || value === "" || value === "store") return "store";
  if (value === "memory") return "memory";
  throw new Error(`STATELENS_ENGINE_STATE must be "store" or "memory", got "${value}"`);
}

async function open(region = "us-east-1", accountId = "123456789012"): Promise<LocalSfnService> {
  const store = db();
  const options: LocalSfnServiceOptions = {
    region,
    accountId,
    onExecutionFinished: async (execution) => {
      await saveExecution(store, execution);
    },
    // a run waiting for its task token is on the dashboard while it waits (what it waits on, live)
    onExecutionWaiting: async (execution) => {
      await saveExecution(store, execution);
    },
  };
  if (engineStateMode() === "memory") return createLocalSfnService(options);
  const journal = await openEngineJournal(store, `${region}:${accountId}`);
  return (await openLocalSfnService({ ...options, journal })).service;
}
