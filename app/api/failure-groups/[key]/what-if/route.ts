import { z } from "zod";
import { validateDefinition } from "@/lib/asl";
import { clientIp } from "@/lib/audit/client-ip";
import { requestActor } from "@/lib/audit/audit-actor";
import { replayBounded } from "@/lib/bounded/replay-bounded";
import { db } from "@/lib/db/client";
import { failureGroupExecutionIds } from "@/lib/db/failure-groups";
import { defaultMissingRule } from "@/lib/examples/example-invoker";
import { whatIfGroup } from "@/lib/replay/what-if-group";
import { rangeOf } from "@/lib/server/failure-range";
import { badRequest, notFound, readJsonBody } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** At most this many executions per what-if: each is a replay in the one replay worker. */
const MAX_EXECUTIONS = 200;

const bodySchema = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    definition: z.string().min(2).max(1_048_576).optional(),
    input: z.unknown().optional(),
  })
  .strict();

/**
 * POST /api/failure-groups/{key}/what-if `{since?, until?, definition?, input?}` replays every
 * execution of the group in the range (oldest first, at most 200) with the edited definition
 * and/or input, nothing stored, and streams NDJSON: `{"type":"start","total":n}`, one
 * `{"type":"row","done","total","row":{id,name,before,after,error?,problem?}}` per execution, then
 * `{"type":"done","summary"}`. The run is recorded in the audit log (action `what-if`).
 */
export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const parsed = await readJsonBody(request, bodySchema);
  if ("response" in parsed) return parsed.response;
  if (parsed.data.definition !== undefined) {
    let definition: unknown;
    try {
      definition = JSON.parse(parsed.data.definition);
    } catch (error) {
      return badRequest(`definition: not JSON (${(error as Error).message})`);
    }
    // once here rather than once per execution in the result table
    const issues = validateDefinition(definition);
    if (issues.length) return badRequest(`definition: not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
  const ids = await failureGroupExecutionIds(db(), key, rangeOf(parsed.data), MAX_EXECUTIONS);
  if (ids.length === 0) return notFound(`failure group ${key} in this range`);
  const events = whatIfGroup(db(), ids, {
    ...(parsed.data.definition !== undefined ? { definition: parsed.data.definition } : {}),
    ...(Object.hasOwn(parsed.raw, "input") ? { input: parsed.raw.input } : {}),
    runner: replayBounded,
    missingRule: defaultMissingRule,
    audit: { actor: requestActor(request.headers), ip: clientIp(request.headers), group: key },
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (error) {
        controller.enqueue(encoder.encode(`${JSON.stringify({ type: "error", error: (error as Error).message })}\n`));
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(body, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
