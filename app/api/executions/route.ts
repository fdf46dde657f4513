import { isLimitExceeded } from "@/lib/bounded/limit-exceeded";
import { db } from "@/lib/db/client";
import { listExecutions } from "@/lib/db/list-executions";
import { badRequest } from "@/lib/server/http";
import { cursorOf, listParamsSchema, searchParamsToObject, toExecutionFilter } from "@/lib/server/list-params";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const parsed = listParamsSchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  let filter;
  try {
    filter = toExecutionFilter(parsed.data);
  } catch (e) {
    return badRequest(`where: ${(e as Error).message}`);
  }
  let page;
  try {
    page = await listExecutions(db(), filter);
  } catch (error) {
    // a runaway input condition (`where`): 422 naming the limit it ran over
    if (isLimitExceeded(error)) return Response.json({ error: error.message }, { status: 422 });
    throw error;
  }
  const { rows, hasMore, scanLimited } = page;
  return Response.json({
    executions: rows,
    next: hasMore && rows.length ? cursorOf(rows[rows.length - 1]) : null,
    scanLimited: scanLimited ?? false,
  });
}
