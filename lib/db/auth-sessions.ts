import type { Db } from "./client";

/** A stored dashboard session (see lib/auth/session.ts for the cookie that names it). */
export interface AuthSessionRow {
  id: string;
  user: string;
  role: string;
  method: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export async function createAuthSession(db: Db, row: Omit<AuthSessionRow, "revokedAt">): Promise<void> {
  await db.authSession.create({ data: row });
  // Rows past their expiry are useless; drop them now and then rather than letting them pile up.
  if (Math.random() < 0.05) await db.authSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function findAuthSession(db: Db, id: string): Promise<AuthSessionRow | null> {
  return db.authSession.findUnique({
    where: { id },
    select: { id: true, user: true, role: true, method: true, expiresAt: true, revokedAt: true },
  });
}

/** Revokes one session (logout, or a user no longer entitled to it); true if it was live. */
export async function revokeAuthSession(db: Db, id: string, at = new Date()): Promise<boolean> {
  const { count } = await db.authSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return count > 0;
}
