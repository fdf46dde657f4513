import { ExecutionListView } from "@/components/executions/execution-list-view";
import { isLimitExceeded } from "@/lib/bounded/limit-exceeded";
import { db } from "@/lib/db/client";
import { listExecutions } from "@/lib/db/list-executions";
import { listStateMachines, storeIsEmpty } from "@/lib/db/list-state-machines";
import { cursorOf, listParamsSchema, searchParamsToObject, toExecutionFilter } from "@/lib/server/list-params";

export const dynamic = "force-dynamic";

export default async function ExecutionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = searchParamsToObject(await searchParams);
  const parsed = listParamsSchema.safeParse(raw);
  const machines = await listStateMachines(db());
  if (!parsed.success) {
    return (
      <ExecutionListView
        machines={machines}
        params={raw}
        rows={[]}
        nextCursor={null}
        error={parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
      />
    );
  }
  let filter;
  try {
    filter = toExecutionFilter(parsed.data);
  } catch (e) {
    return <ExecutionListView machines={machines} params={raw} rows={[]} nextCursor={null} error={(e as Error).message} />;
  }
  let page;
  try {
    page = await listExecutions(db(), filter);
  } catch (error) {
    if (!isLimitExceeded(error)) throw error;
    return <ExecutionListView machines={machines} params={raw} rows={[]} nextCursor={null} error={`where: ${error.message}`} />;
  }
  const { rows, hasMore, scanLimited } = page;
  const empty = await storeIsEmpty(db());
  return (
    <ExecutionListView
      machines={machines}
      params={raw}
      rows={rows.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        type: r.type,
        source: r.source,
        startDate: r.startDate.toISOString(),
        stopDate: r.stopDate?.toISOString() ?? null,
        durationMs: r.durationMs,
        error: r.error,
        redriveCount: r.redriveCount,
        incomplete: r.incomplete,
        replayOfId: r.replayOfId,
        stateMachineName: r.stateMachine.name,
        version: r.version?.number ?? null,
      }))}
      nextCursor={hasMore && rows.length ? cursorOf(rows[rows.length - 1]) : null}
      storeEmpty={empty}
      scanLimited={scanLimited ?? false}
    />
  );
}
