import { db } from "@/lib/db/client";
import { failureGroupExecutionIds } from "@/lib/db/failure-groups";
import { getExecution, type StoredExecution } from "@/lib/db/get-execution";
import { exportGroupTests } from "@/lib/replay/export-group-tests";
import { failureRangeSchema, rangeOf, searchParamsObject } from "@/lib/server/failure-range";
import { badRequest, jsonResponse, notFound } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/**
 * GET /api/failure-groups/{key}/export?since=&until= downloads the group's regression suite:
 * every execution in the range (oldest first, at most 100) as a test case of one mock config,
 * with the definitions and inputs they ran (lib/replay/export-group-tests.ts).
 */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const parsed = failureRangeSchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const ids = await failureGroupExecutionIds(db(), key, rangeOf(parsed.data), 100);
  if (ids.length === 0) return notFound(`failure group ${key} in this range`);
  const executions: StoredExecution[] = [];
  for (const id of ids) {
    const stored = await getExecution(db(), id);
    if (stored) executions.push(stored);
  }
  const suite = exportGroupTests(executions);
  const name = `${suite.stateMachineName.replace(/[^\w.-]+/g, "_").slice(0, 60)}-${key.slice(0, 8)}`;
  return jsonResponse(suite, {
    headers: {
      "Content-Disposition": `attachment; filename="${name}.regression.json"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
