import { db } from "@/lib/db/client";
import { findExecutionId } from "@/lib/db/get-execution";
import { historyJson } from "@/lib/db/history-json";
import { notFound } from "@/lib/server/http";
import { findByRouteId } from "@/lib/server/route-id";

export const dynamic = "force-dynamic";

/** The history as a JSON array of EventDto, assembled by the database from the stored detail texts. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const found = await findByRouteId(id, (key) => findExecutionId(db(), key));
  if (!found) return notFound(`execution ${id}`);
  return new Response(await historyJson(db(), found), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, max-age=60" },
  });
}
