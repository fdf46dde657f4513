import { clientIp } from "@/lib/audit/client-ip";
import { requestActor } from "@/lib/audit/audit-actor";
import { isLimitExceeded } from "@/lib/bounded/limit-exceeded";
import { replayBounded } from "@/lib/bounded/replay-bounded";
import { db } from "@/lib/db/client";
import { defaultMissingRule } from "@/lib/examples/example-invoker";
import { findStoredExecution, replayStored } from "@/lib/replay/replay-store";
import { replayErrorField, replayOptionsFrom, replayRequestSchema } from "@/lib/replay/replay-request";
import { badRequest, jsonResponse, notFound, readJsonBody } from "@/lib/server/http";
import { findByRouteId } from "@/lib/server/route-id";

export const dynamic = "force-dynamic";

/**
 * POST /api/executions/{id}/replay `{from?, input?, patch?, definition?, missing?}` -> `{replayId, diff}`:
 * replays the stored execution (from a checkpoint, with edits) and stores the replay.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const parsed = await readJsonBody(request, replayRequestSchema);
  if ("response" in parsed) return parsed.response;
  const original = await findByRouteId(id, (key) => findStoredExecution(db(), key)).catch(() => null);
  if (!original) return notFound(`execution ${id}`);
  try {
    const result = await replayStored(db(), original, {
      ...replayOptionsFrom(
        parsed.data,
        parsed.raw,
        defaultMissingRule({ stateMachineName: original.stateMachine.name, source: original.source }),
      ),
      actor: requestActor(request.headers),
      ip: clientIp(request.headers),
      runner: replayBounded,
    });
    return jsonResponse({ replayId: result.replay.id, name: result.replay.name, status: result.replay.status, diff: result.diff });
  } catch (error) {
    // a replay that ran over its time or heap limit in its worker
    if (isLimitExceeded(error)) return Response.json({ error: error.message }, { status: 422 });
    const field = replayErrorField(error);
    if (field) return badRequest(`${field}: ${(error as Error).message}`);
    throw error;
  }
}
