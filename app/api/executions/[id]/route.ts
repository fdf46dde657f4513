import { db } from "@/lib/db/client";
import { getExecution } from "@/lib/db/get-execution";
import { toEventDtos, toExecutionDto } from "@/lib/server/execution-dto";
import { notFound } from "@/lib/server/http";
import { findByRouteId } from "@/lib/server/route-id";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const execution = await findByRouteId(id, (key) => getExecution(db(), key));
  if (!execution) return notFound(`execution ${id}`);
  return Response.json({ execution: toExecutionDto(execution), events: toEventDtos(execution) });
}
