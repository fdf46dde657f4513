import { notFound } from "next/navigation";
import { z } from "zod";
import { prepareOverTimeFromBuckets } from "@/lib/over-time/prepare-over-time-buckets";
import { StateMachineOverTimeView } from "@/components/state-machines/state-machine-over-time-view";
import { db } from "@/lib/db/client";
import { overTimeBuckets, overTimeWindow, stateMachineSummary, stateVersionMatrix } from "@/lib/db/over-time";

export const dynamic = "force-dynamic";

const params = z.object({
  range: z.enum(["1d", "7d", "30d", "90d", "365d"]).catch("90d"),
  by: z.enum(["day", "hour"]).catch("day"),
  state: z.string().max(200).optional().catch(undefined),
});

export default async function StateMachinePage({
  params: p,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { id } = await p;
  const q = params.parse(await searchParams);
  const machine = await stateMachineSummary(db(), id);
  if (!machine) notFound();
  const days = Number(q.range.slice(0, -1));
  const { from, to } = await overTimeWindow(db(), id, days);
  const granularity = q.by === "hour" && days <= 7 ? "hour" : "day";
  const query = { stateMachineId: id, from, to };
  // pre-aggregated per hour at ingestion (lib/db/over-time-buckets.ts): 90 days read a few thousand rows
  const [buckets, matrix] = await Promise.all([
    overTimeBuckets(db(), { ...query, stateName: q.state }, granularity),
    stateVersionMatrix(db(), query),
  ]);
  const data = prepareOverTimeFromBuckets(buckets, { granularity, from: from.toISOString(), to: to.toISOString(), flakiestLimit: 12 });
  return (
    <StateMachineOverTimeView
      machine={{
        id: machine.id,
        name: machine.name,
        arn: machine.arn,
        type: machine.type,
        versions: machine.versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString() })),
      }}
      data={data}
      matrix={matrix}
      range={q.range}
      granularity={granularity}
      state={q.state ?? null}
      totals={{ executions: data.versions.reduce((n, v) => n + v.executions, 0), failed: data.versions.reduce((n, v) => n + v.failed, 0) }}
    />
  );
}
