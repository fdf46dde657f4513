import { db } from "@/lib/db/client";
import { failureGroups } from "@/lib/db/failure-groups";
import { resolveStateMachine } from "@/lib/db/get-execution";
import { badRequest, notFound } from "@/lib/server/http";
import { failureRangeSchema, rangeOf, searchParamsObject } from "@/lib/server/failure-range";

export const dynamic = "force-dynamic";

/**
 * GET /api/failure-groups?stateMachine=&since=&until=&buckets= -> `{ since, until, bucketStarts,
 * groups: [{ key, stateMachine, state, error, cause, count, firstSeen, lastSeen, versions,
 * executionIds, samples, series }] }`: failed and timed-out executions grouped by failing state,
 * error and normalized cause (lib/db/failure-groups.ts); the range defaults to the last 7 days.
 */
export async function GET(request: Request) {
  const parsed = failureRangeSchema.safeParse(searchParamsObject(new URL(request.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const range = rangeOf(parsed.data);
  if (range.since.getTime() > range.until.getTime()) return badRequest("since: must not be after until");
  const machine = await resolveStateMachine(db(), parsed.data.stateMachine);
  if (machine === null) return notFound(`state machine ${parsed.data.stateMachine}`);
  return Response.json(await failureGroups(db(), { ...range, stateMachineId: machine?.id, buckets: parsed.data.buckets }));
}
