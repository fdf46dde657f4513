import { detailsOf } from "../../lib/asl/history/types";
import type { EventDto } from "../../lib/model/execution";

/** One short line describing an event for the table: error, resource, iteration, size... */
export function summarizeEvent(event: EventDto): string {
  const d = detailsOf(event) ?? {};
  const text = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v));
  if (d.error !== undefined || d.cause !== undefined) {
    const cause = text(d.cause);
    return [text(d.error), cause.length > 120 ? `${cause.slice(0, 119)}…` : cause].filter(Boolean).join(": ");
  }
  if (typeof d.index === "number") return `iteration ${d.index}`;
  if (d.resourceType !== undefined || d.resource !== undefined) {
    return [text(d.resourceType), text(d.resource)].filter(Boolean).join(":");
  }
  if (typeof d.length === "number") return `${d.length} item${d.length === 1 ? "" : "s"}`;
  if (d.mapRunArn !== undefined) return text(d.mapRunArn);
  const payload = d.output ?? d.input;
  if (payload !== undefined) {
    const p = text(payload);
    return p.length > 120 ? `${p.slice(0, 119)}…` : p;
  }
  return "";
}
