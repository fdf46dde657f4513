import { db } from "@/lib/db/client";
import { getExecution, storedHistoryEvents } from "@/lib/db/get-execution";
import { toEventDtos, toExecutionDto } from "@/lib/server/execution-dto";
import { groupStateRuns } from "@/lib/history/group-state-runs";
import { deriveRootCause } from "@/lib/history/root-cause";
import { notFound } from "@/lib/server/http";
import { findByRouteId } from "@/lib/server/route-id";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const execution = await findByRouteId(id, (key) => getExecution(db(), key));
  if (!execution) return notFound(`execution ${id}`);
  const events = toEventDtos(execution);
  // where a failed execution went wrong, as its page leads with it (lib/history/root-cause.ts)
  const definition = execution.version?.definition ?? null;
  const rootCause = deriveRootCause(groupStateRuns(storedHistoryEvents(execution.events), definition), definition);
  return Response.json({ execution: toExecutionDto(execution), events, rootCause });
}
