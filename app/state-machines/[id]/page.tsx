import { notFound } from "next/navigation";
import { z } from "zod";
import { prepareOverTime } from "@/components/charts/prepare-over-time";
import { StateMachineOverTimeView } from "@/components/state-machines/state-machine-over-time-view";
import { db } from "@/lib/db/client";
import { executionRows, stateMachineSummary, stateRunRows, stateVersionMatrix } from "@/lib/db/over-time";

export const dynamic = "force-dynamic";

const params = z.object({
  range: z.enum(["1d", "7d", "30d", "90d", "365d"]).catch("90d"),
  by: z.enum(["day", "hour"]).catch("day"),
  state: z.string().max(200).optional().catch(undefined),
});

const DAY = 86_400_000;

export default async function StateMachinePage({ params: p, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { id } = await p;
  const q = params.parse(await searchParams);
  const machine = await stateMachineSummary(db(), id);
  if (!machine) notFound();
  const days = Number(q.range.slice(0, -1));
  const latest = await db().execution.findFirst({ where: { stateMachineId: id }, orderBy: { startDate: "desc" }, select: { startDate: true } });
  const to = new Date(Math.max(Date.now(), latest?.startDate.getTime() ?? 0));
  const from = new Date(to.getTime() - days * DAY);
  const granularity = q.by === "hour" && days <= 7 ? "hour" : "day";
  const query = { stateMachineId: id, from, to };
  const [executions, runs, matrix] = await Promise.all([executionRows(db(), query), stateRunRows(db(), { ...query, stateName: q.state }), stateVersionMatrix(db(), query)]);
  const data = prepareOverTime(executions, runs, { granularity, from: from.toISOString(), to: to.toISOString(), flakiestLimit: 12 });
  return (
    <StateMachineOverTimeView
      machine={{ id: machine.id, name: machine.name, arn: machine.arn, type: machine.type, versions: machine.versions.map((v) => ({ number: v.number, createdAt: v.createdAt.toISOString() })) }}
      data={data}
      matrix={matrix}
      range={q.range}
      granularity={granularity}
      state={q.state ?? null}
      totals={{ executions: executions.length, failed: executions.filter((e) => e.status !== "SUCCEEDED" && e.status !== "RUNNING").length }}
    />
  );
}
