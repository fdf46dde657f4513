import { db } from "@/lib/db/client";
import { saveExecution } from "@/lib/db/save-execution";
import { createLocalSfnService, type LocalSfnService } from "@/lib/sfn-api";

const globalForSfn = globalThis as unknown as { statelensSfn?: Map<string, LocalSfnService> };

/**
 * The dashboard's local engine: one local SFN service per region and account in this process
 * (surviving dev reloads). POST / answers for the default one (us-east-1, 123456789012, as the SDK's
 * local endpoints expect); "start again" reaches the one an execution's own ARN names, so a run of a
 * demo machine (region `local`) starts on that machine. Executions land in the store when they wait
 * and when they finish.
 */
export function localEngine(region?: string, accountId?: string): LocalSfnService {
  const services = (globalForSfn.statelensSfn ??= new Map());
  const key = `${region ?? ""}:${accountId ?? ""}`;
  let service = services.get(key);
  if (!service) {
    service = createLocalSfnService({
      ...(region ? { region } : {}),
      ...(accountId ? { accountId } : {}),
      onExecutionFinished: async (execution) => {
        await saveExecution(db(), execution);
      },
      // a run waiting for its task token is on the dashboard while it waits (what it waits on, live)
      onExecutionWaiting: async (execution) => {
        await saveExecution(db(), execution);
      },
    });
    services.set(key, service);
  }
  return service;
}
