import { notFound } from "next/navigation";
import { ExecutionDetailView } from "@/components/executions/execution-detail-view";
import { db } from "@/lib/db/client";
import { getExecutionSummary } from "@/lib/db/get-execution";
import { toExecutionDto } from "@/lib/server/execution-dto";
import { findByRouteId } from "@/lib/server/route-id";

export const dynamic = "force-dynamic";

export default async function ExecutionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ state?: string }>;
}) {
  const { id } = await params;
  const { state } = await searchParams;
  const execution = await findByRouteId(id, (key) => getExecutionSummary(db(), key));
  if (!execution) notFound();
  // The history (up to 25,000 events) is fetched by the client after the shell renders.
  return <ExecutionDetailView execution={toExecutionDto(execution)} initialState={state ?? null} />;
}
