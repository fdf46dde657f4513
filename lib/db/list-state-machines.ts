import type { Db } from "./client";

export async function listStateMachines(db: Db) {
  return db.stateMachine.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, arn: true, type: true, versions: { select: { id: true, number: true }, orderBy: { number: "asc" } } },
  });
}
