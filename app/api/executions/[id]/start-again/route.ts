import { z } from "zod";
import { requestActor } from "@/lib/audit/audit-actor";
import { clientIp } from "@/lib/audit/client-ip";
import { recordAudit } from "@/lib/audit/record-audit";
import { sfnAuditEntry } from "@/lib/audit/sfn-audit-entry";
import { db } from "@/lib/db/client";
import { parseExecutionArn } from "@/lib/ingest/arn";
import { findStoredExecution } from "@/lib/replay/replay-store";
import { badRequest, jsonResponse, notFound, readJsonBody } from "@/lib/server/http";
import { localEngine } from "@/lib/server/local-engine";
import { findByRouteId } from "@/lib/server/route-id";
import { handleSfnRequest } from "@/lib/sfn-api";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const bodySchema = z.object({ input: z.string().max(262_144, "must be at most 262,144 characters") });

/**
 * POST /api/executions/{id}/start-again `{input}` -> `{executionArn, startDate}`: a new execution of a
 * local-engine execution's state machine with this input (the original's or an edited one), through
 * the local engine's StartExecution. A machine the engine does not hold (demo data, a restart) is
 * created first from the definition the original ran. Both calls go to the audit log.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const parsed = await readJsonBody(request, bodySchema);
  if ("response" in parsed) return parsed.response;
  const stored = await findByRouteId(id, (key) => findStoredExecution(db(), key)).catch(() => null);
  if (!stored) return notFound(`execution ${id}`);
  if (stored.source !== "local")
    return badRequest(
      `execution ${stored.name} ran on AWS (source ${stored.source}): start it there; the local engine runs only its own executions`,
    );
  const definition = stored.version?.definition;
  if (!definition) return badRequest(`execution ${stored.name} has no stored definition`);
  const arn = parseExecutionArn(stored.executionArn);
  const engine = await localEngine(arn?.region, arn?.accountId).catch((error: Error) => error);
  if (engine instanceof Error) return Response.json({ error: `the local engine could not start: ${engine.message}` }, { status: 503 });
  const who = { actor: requestActor(request.headers), ip: clientIp(request.headers) };
  const call = async (operation: string, body: Record<string, unknown>) => {
    const target = `AWSStepFunctions.${operation}`;
    const text = JSON.stringify(body);
    const result = await handleSfnRequest(engine, target, text);
    const entry = sfnAuditEntry({ target, body: text, status: result.status, responseBody: result.body }, who);
    if (entry)
      await recordAudit(db(), entry).catch((error: Error) => console.error(`statelens: could not write the audit log: ${error.message}`));
    return { status: result.status, json: JSON.parse(result.body || "{}") as Record<string, unknown> };
  };
  let stateMachineArn = stored.stateMachine.arn;
  // an Express machine runs synchronously, as StartSyncExecution does on AWS
  const start = () =>
    call(stored.type === "EXPRESS" ? "StartSyncExecution" : "StartExecution", { stateMachineArn, input: parsed.data.input });
  let started = await start();
  if (started.status !== 200 && String(started.json.__type ?? "").endsWith("StateMachineDoesNotExist")) {
    const created = await call("CreateStateMachine", {
      name: stored.stateMachine.name,
      definition,
      roleArn: `arn:aws:iam::${arn?.accountId ?? "123456789012"}:role/statelens-local`,
      ...(stored.type === "EXPRESS" ? { type: "EXPRESS" } : {}),
    });
    if (created.status !== 200) return jsonResponse({ error: engineMessage(created.json) }, { status: created.status });
    stateMachineArn = String(created.json.stateMachineArn);
    started = await start();
  }
  if (started.status !== 200) return jsonResponse({ error: engineMessage(started.json) }, { status: started.status });
  return jsonResponse({ executionArn: started.json.executionArn, startDate: started.json.startDate });
}

function engineMessage(json: Record<string, unknown>): string {
  return `${String(json.__type ?? "Error").replace(/^.*#/, "")}: ${String(json.message ?? "")}`;
}
