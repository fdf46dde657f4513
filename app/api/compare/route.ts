import { z } from "zod";
import { db } from "@/lib/db/client";
import { compareStored } from "@/lib/replay/replay-store";
import { badRequest, notFound } from "@/lib/server/http";

export const dynamic = "force-dynamic";

const query = z.object({ a: z.string().trim().min(1).max(2048), b: z.string().trim().min(1).max(2048) });

/** GET /api/compare?a=&b= -> the difference between two stored executions (ids, ARNs or names). */
export async function GET(request: Request) {
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  let found: Awaited<ReturnType<typeof compareStored>>;
  try {
    found = await compareStored(db(), parsed.data.a, parsed.data.b);
  } catch (error) {
    return badRequest(`a, b: ${(error as Error).message}`);
  }
  if ("missing" in found) return notFound(`execution ${found.missing}`);
  const side = (e: typeof found.a) => ({ id: e.id, name: e.name, executionArn: e.executionArn, status: e.status, source: e.source });
  return Response.json({ a: side(found.a), b: side(found.b), diff: found.diff });
}
