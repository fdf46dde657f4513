import { notFound } from "next/navigation";
import { ExecutionDetailView } from "@/components/executions/execution-detail-view";
import { db } from "@/lib/db/client";
import { getExecution } from "@/lib/db/get-execution";
import { toEventDtos, toExecutionDto } from "@/lib/server/execution-dto";

export const dynamic = "force-dynamic";

export default async function ExecutionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ state?: string }> }) {
  const { id } = await params;
  const { state } = await searchParams;
  const execution = await getExecution(db(), decodeURIComponent(id));
  if (!execution) notFound();
  return <ExecutionDetailView execution={toExecutionDto(execution)} events={toEventDtos(execution)} initialState={state ?? null} />;
}
