import Link from "next/link";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export default async function StateMachinesPage() {
  const machines = await db().stateMachine.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, type: true, _count: { select: { executions: true, versions: true } } },
  });
  const failed = await db().execution.groupBy({ by: ["stateMachineId"], where: { status: { in: ["FAILED", "TIMED_OUT", "ABORTED"] } }, _count: { _all: true } });
  const failedBy = new Map(failed.map((f) => [f.stateMachineId, f._count._all]));
  return (
    <div>
      <h1>State machines</h1>
      {machines.length === 0 ? (
        <div className="empty">No state machines yet: run <code>npx statelens demo</code> or import histories.</div>
      ) : (
        <table className="grid" data-testid="state-machine-table">
          <thead><tr><th>Name</th><th>Type</th><th>Versions</th><th>Executions</th><th>Failed</th><th></th></tr></thead>
          <tbody>
            {machines.map((m) => (
              <tr key={m.id} data-testid="state-machine-row">
                <td><Link href={`/state-machines/${m.id}`}>{m.name}</Link></td>
                <td>{m.type}</td>
                <td>{m._count.versions}</td>
                <td>{m._count.executions}</td>
                <td>{failedBy.get(m.id) ?? 0}</td>
                <td><Link href={`/executions?machine=${m.id}`}>executions →</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
