import { auditQuerySchema, listAuditLog } from "@/lib/db/audit-log";
import { db } from "@/lib/db/client";
import { badRequest } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** GET /api/audit?action=&actor=&before=&limit= — newest first (admin only, enforced in proxy.ts). */
export async function GET(request: Request) {
  const parsed = auditQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const { rows, nextBefore } = await listAuditLog(db(), parsed.data);
  return Response.json({
    entries: rows.map((r) => ({ ...r, at: r.at.toISOString(), details: r.details === null ? null : safeJson(r.details) })),
    nextBefore,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
