import type { Db } from "../../db/client";

/** Placeholder until the example workflows land: returns 0 when nothing was seeded. */
export async function seedDemoIfEmpty(db: Db): Promise<number> {
  const count = await db.execution.count();
  if (count > 0) return 0;
  return 0;
}
