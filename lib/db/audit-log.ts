import { z } from "zod";
import type { Db } from "./client";

/** The audit list's query (page and API share it): filters, a cursor (`before` an id) and a page size. */
export const auditQuerySchema = z.object({
  action: z
    .string()
    .trim()
    .max(64)
    .regex(/^[a-z0-9.-]*$/, "lower-case letters, digits, . and - only")
    .optional(),
  actor: z.string().trim().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: string | null;
  ip: string | null;
}

/** Newest first; `nextBefore` is the cursor for the next (older) page, null at the end. */
export async function listAuditLog(db: Db, query: AuditQuery): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const rows = await db.auditLog.findMany({
    where: {
      ...(query.action ? { action: query.action } : {}),
      ...(query.actor ? { actor: query.actor } : {}),
      ...(query.before ? { id: { lt: query.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  return { rows: page, nextBefore: hasMore ? page[page.length - 1].id : null };
}

/** The actions and (most recent) actors present, for the filter lists. */
export async function auditFacets(db: Db): Promise<{ actions: string[]; actors: string[] }> {
  const [actions, actors] = await Promise.all([
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditLog.groupBy({ by: ["actor"], _max: { id: true }, orderBy: { _max: { id: "desc" } }, take: 200 }),
  ]);
  return { actions: actions.map((a) => a.action), actors: actors.map((a) => a.actor) };
}

/** One audit row as stored (lib/audit/record-audit.ts validates and clips it first). */
export async function insertAuditRow(db: Db, row: Omit<AuditRow, "id">): Promise<number> {
  return (await db.auditLog.create({ data: row, select: { id: true } })).id;
}
