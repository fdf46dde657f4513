import type { Db } from "./client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type Provider = "sqlite" | "postgresql";

/** Which store a client talks to (Prisma keeps it on the instance). */
export function providerOf(db: Db | Tx): Provider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** A Date as the store keeps it: Prisma's SQLite text format, or ISO text PostgreSQL parses as UTC. */
export function dateValue(date: Date, provider: Provider): string {
  const iso = date.toISOString();
  return provider === "sqlite" ? iso.replace("Z", "+00:00") : iso;
}

export function boolValue(value: boolean, provider: Provider): boolean | number {
  return provider === "sqlite" ? (value ? 1 : 0) : value;
}

/**
 * Multi-row INSERTs through the transaction's raw channel: one statement per few thousand rows
 * instead of Prisma's per-row work, which is what makes a 25,000-event history store in well
 * under a second. Values are always bound parameters, never interpolated.
 */
export async function bulkInsert(
  tx: Tx,
  provider: Provider,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  schema: string | null = null,
): Promise<void> {
  if (rows.length === 0) return;
  const qualified = schema ? `"${schema.replace(/"/g, '""')}"."${table}"` : `"${table}"`;
  const maxParams = provider === "sqlite" ? 32_000 : 60_000;
  const perStatement = Math.max(1, Math.floor(maxParams / columns.length));
  const head = `INSERT INTO ${qualified} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const values: unknown[] = [];
    const tuples: string[] = [];
    let n = 0;
    for (const row of chunk) {
      const marks: string[] = [];
      for (const value of row) {
        values.push(value);
        n += 1;
        marks.push(provider === "sqlite" ? "?" : `$${n}`);
      }
      tuples.push(`(${marks.join(", ")})`);
    }
    await tx.$executeRawUnsafe(head + tuples.join(", "), ...values);
  }
}
