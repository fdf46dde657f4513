import Link from "next/link";
import { db } from "@/lib/db/client";
import { stateMachineTotals } from "@/lib/db/list-state-machines";

export const dynamic = "force-dynamic";

export default async function StateMachinesPage() {
  const machines = await stateMachineTotals(db());
  return (
    <div>
      <h1>State machines</h1>
      {machines.length === 0 ? (
        <div className="empty">
          No state machines yet: run <code>npx statelens demo</code> or import histories.
        </div>
      ) : (
        <table className="grid" data-testid="state-machine-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Versions</th>
              <th>Executions</th>
              <th>Failed</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {machines.map((m) => (
              <tr key={m.id} data-testid="state-machine-row">
                <td>
                  <Link href={`/state-machines/${m.id}`}>{m.name}</Link>
                </td>
                <td>{m.type}</td>
                <td>{m.versions}</td>
                <td>{m.executions}</td>
                <td>{m.failed}</td>
                <td>
                  <Link href={`/executions?machine=${m.id}`}>executions →</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
