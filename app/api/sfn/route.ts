import { requestActor } from "@/lib/audit/audit-actor";
import { clientIp } from "@/lib/audit/client-ip";
import { recordAudit } from "@/lib/audit/record-audit";
import { sfnAuditEntry } from "@/lib/audit/sfn-audit-entry";
import { db } from "@/lib/db/client";
import { localEngine } from "@/lib/server/local-engine";
import { handleSfnRequest } from "@/lib/sfn-api";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The local engine's AWS Step Functions API (awsJson1_0). proxy.ts rewrites `POST /` with an
 * X-Amz-Target header here, so `aws stepfunctions --endpoint-url http://127.0.0.1:3000` works.
 * Calls that change something are recorded in the audit log.
 */
export async function POST(request: Request): Promise<Response> {
  const target = request.headers.get("x-amz-target") ?? "";
  const body = await request.text();
  let engine;
  try {
    engine = await localEngine();
  } catch (error) {
    // the engine's state could not be loaded (store unreachable, another engine holds it): say so
    const message = `the local engine could not start: ${(error as Error).message}`;
    return Response.json({ __type: "com.amazonaws.states#ServiceUnavailable", message }, { status: 503 });
  }
  const result = await handleSfnRequest(engine, target, body, request.signal);
  // Mutations (CreateStateMachine, StartExecution, SendTask*...) go to the audit log with the caller.
  const entry = sfnAuditEntry(
    { target, body, status: result.status, responseBody: result.body },
    { actor: requestActor(request.headers), ip: clientIp(request.headers) },
  );
  if (entry) {
    await recordAudit(db(), entry).catch((error: Error) => console.error(`statelens: could not write the audit log: ${error.message}`));
  }
  return new Response(result.body, { status: result.status, headers: result.headers });
}
