"use client";

import { Fragment, useState } from "react";
import type { EventDto } from "@/lib/model/execution";
import { formatTime } from "./format";

/** Every event with its details expandable. */
export function SimpleEventTable({ events }: { events: EventDto[] }) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (id: number) => setOpen((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  return (
    <table className="grid" data-testid="event-table">
      <thead><tr><th>ID</th><th>Type</th><th>State</th><th>Error</th><th>Time</th></tr></thead>
      <tbody>
        {events.map((ev) => {
          const d = ev.details ?? {};
          return (
            <Fragment key={ev.id}>
              <tr data-testid={`event-row-${ev.id}`} tabIndex={0} onClick={() => toggle(ev.id)} onKeyDown={(k) => k.key === "Enter" && toggle(ev.id)} style={{ cursor: "pointer" }}>
                <td>{ev.id}</td>
                <td>{ev.type}</td>
                <td>{typeof d.name === "string" ? d.name : ""}</td>
                <td className="mono">{typeof d.error === "string" ? d.error : ""}</td>
                <td className="mono">{formatTime(ev.timestamp)}</td>
              </tr>
              {open.has(ev.id) && (
                <tr><td colSpan={5}><pre className="payload">{JSON.stringify(d, null, 2)}</pre></td></tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
