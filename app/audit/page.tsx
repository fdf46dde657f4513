import { AuditView } from "./audit-view";
import { auditFacets, auditQuerySchema, listAuditLog } from "@/lib/db/audit-log";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The audit log (admin; anyone in local mode). Filters are a GET form, pages go by `before`. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = auditQuerySchema.safeParse(raw);
  const facets = await auditFacets(db());
  if (!parsed.success) {
    return (
      <AuditView
        facets={facets}
        query={raw}
        rows={[]}
        nextBefore={null}
        error={parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
      />
    );
  }
  const { rows, nextBefore } = await listAuditLog(db(), parsed.data);
  return <AuditView facets={facets} query={raw} rows={rows.map((r) => ({ ...r, at: r.at.toISOString() }))} nextBefore={nextBefore} />;
}
