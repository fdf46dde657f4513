import { FailuresView } from "@/components/failures/failures-view";
import { pageRange } from "@/components/failures/range-presets";
import { db } from "@/lib/db/client";
import { oldestExecutionStart } from "@/lib/db/oldest-execution";
import { failureGroups } from "@/lib/db/failure-groups";
import { listStateMachines } from "@/lib/db/list-state-machines";

export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** /failures?stateMachine=<id>&range=7d (or since=&until=): failure groups of the range. */
export default async function FailuresPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const wanted = { range: one(params.range), since: one(params.since), until: one(params.until) };
  const range = pageRange(wanted, new Date(), wanted.range === "all" ? await oldestExecutionStart(db()) : null);
  const machines = await listStateMachines(db());
  const stateMachine = one(params.stateMachine) ?? "";
  const known = machines.some((m) => m.id === stateMachine) ? stateMachine : "";
  const data = await failureGroups(db(), { since: range.since, until: range.until, stateMachineId: known || undefined });
  return (
    <FailuresView
      machines={machines.map((m) => ({ id: m.id, name: m.name }))}
      filter={{ stateMachine: known, preset: range.preset }}
      data={data}
    />
  );
}
