import { db } from "@/lib/db/client";
import { listExecutions } from "@/lib/db/list-executions";
import { badRequest } from "@/lib/server/http";
import { cursorOf, listParamsSchema, searchParamsToObject, toExecutionFilter } from "@/lib/server/list-params";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const parsed = listParamsSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const { rows, hasMore } = await listExecutions(db(), toExecutionFilter(parsed.data));
  return Response.json({ executions: rows, next: hasMore && rows.length ? cursorOf(rows[rows.length - 1]) : null });
}
