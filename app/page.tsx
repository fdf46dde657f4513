import { OverviewView } from "@/components/overview/overview-view";
import { pageRange, previousRange } from "@/components/failures/range-presets";
import { db } from "@/lib/db/client";
import { oldestExecutionStart } from "@/lib/db/oldest-execution";
import { failureGroups } from "@/lib/db/failure-groups";
import { machineOverview, runningExecutions } from "@/lib/db/overview";

export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The home page (/?range=7d, or since=&until=): per state machine figures, top failure groups, running executions. */
export default async function Home({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const wanted = { range: one(params.range), since: one(params.since), until: one(params.until) };
  const range = pageRange(wanted, new Date(), wanted.range === "all" ? await oldestExecutionStart(db()) : null);
  const [machines, groups, running] = [
    await machineOverview(db(), range, previousRange(range)),
    await failureGroups(db(), { since: range.since, until: range.until, top: 5, samples: 1, buckets: 1 }),
    await runningExecutions(db()),
  ];
  return (
    <OverviewView
      allMachines={one(params.all) === "1"}
      preset={range.preset}
      range={{ since: range.since.toISOString(), until: range.until.toISOString() }}
      machines={machines}
      topGroups={groups.groups}
      running={running}
    />
  );
}
