import { db } from "@/lib/db/client";
import { saveExecution } from "@/lib/db/save-execution";
import { createLocalSfnService, handleSfnRequest, type LocalSfnService } from "@/lib/sfn-api";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const globalForSfn = globalThis as unknown as { statelensSfn?: LocalSfnService };

/** One local SFN service per process (survives dev reloads); finished executions land in the store. */
function service(): LocalSfnService {
  globalForSfn.statelensSfn ??= createLocalSfnService({
    onExecutionFinished: async (execution) => {
      await saveExecution(db(), execution);
    },
  });
  return globalForSfn.statelensSfn;
}

/**
 * The local engine's AWS Step Functions API (awsJson1_0). proxy.ts rewrites `POST /` with an
 * X-Amz-Target header here, so `aws stepfunctions --endpoint-url http://127.0.0.1:3000` works.
 */
export async function POST(request: Request): Promise<Response> {
  const target = request.headers.get("x-amz-target") ?? "";
  const result = await handleSfnRequest(service(), target, await request.text());
  return new Response(result.body, { status: result.status, headers: result.headers });
}
