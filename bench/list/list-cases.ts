import type { ExecutionFilter } from "../../lib/db/list-executions";
import { FILL_ERRORS } from "./fill-model";

export interface StoreFacts {
  machineIds: string[];
  versionIds: string[];
  /** The newest start instant in the store and the span of days it covers. */
  endMs: number;
  days: number;
  /** A few execution names from across the store (each matches one row in a search). */
  sampleNames: string[];
  /** A customer id that occurs in a handful of payloads. */
  sampleCustomer: string;
  /** Keyset cursors of rows from 10% to 85% back in time (deep pages). */
  deepCursors: { startDate: Date; id: string }[];
}

export interface ListRequest {
  kind: string;
  filter: ExecutionFilter;
  /** An input condition: JSONata for listExecutions, its SQL equivalent for the raw floor. */
  condition?: { jsonata: string; sql: string; params: (string | number)[] };
  /** Follow the keyset cursor this many pages before the timed request (page `pages + 1`). */
  pagesBefore?: number;
}

const DAY = 86_400_000;

/** `variants` requests of every kind: varied filters, as the dashboard's list page issues them. */
export function listRequests(facts: StoreFacts, variants = 9): ListRequest[] {
  const out: ListRequest[] = [];
  const day = (k: number) => new Date(facts.endMs - Math.floor(((k + 0.5) / variants) * facts.days) * DAY);
  const statuses = [
    ["FAILED"],
    ["TIMED_OUT"],
    ["ABORTED"],
    ["RUNNING"],
    ["SUCCEEDED"],
    ["FAILED", "TIMED_OUT"],
    ["FAILED", "ABORTED", "TIMED_OUT"],
  ];
  const thresholds = [500, 700, 800, 900, 950, 970, 980, 990, 995];
  const terms = ["paymentdeclined", "fraud-model-v4", facts.sampleCustomer, ...facts.sampleNames, "no-such-text-anywhere"];
  for (let k = 0; k < variants; k++) {
    const machine = facts.machineIds[k % facts.machineIds.length];
    out.push({ kind: "no filter", filter: { limit: 50 } });
    out.push({ kind: "status", filter: { status: statuses[k % statuses.length], limit: 50 } });
    out.push({ kind: "state machine", filter: { stateMachineId: machine, limit: 50 } });
    out.push({ kind: "machine + status", filter: { stateMachineId: machine, status: ["FAILED"], limit: 50 } });
    out.push({ kind: "version", filter: { versionId: facts.versionIds[k % facts.versionIds.length], limit: 50 } });
    out.push({ kind: "time range 1 day", filter: { from: day(k), to: new Date(day(k).getTime() + DAY), limit: 50 } });
    out.push({
      kind: "7 days + failed",
      filter: { from: day(k), to: new Date(day(k).getTime() + 7 * DAY), status: ["FAILED"], limit: 50 },
    });
    out.push({ kind: "error", filter: { error: FILL_ERRORS[k % FILL_ERRORS.length], limit: 50 } });
    out.push({ kind: "source", filter: { source: [["file"], ["local"], ["aws", "logs"]][k % 3], limit: 50 } });
    out.push({ kind: "search q", filter: { q: terms[k % terms.length], limit: 50 } });
    out.push({ kind: "redriven", filter: { redriven: true, limit: 50 } });
    const amount = thresholds[k % thresholds.length];
    out.push({
      kind: "input condition",
      filter: { limit: 50 },
      condition: { jsonata: `amount > ${amount}`, sql: `json_extract("input", '$.amount') > ?`, params: [amount] },
    });
    out.push({ kind: "page 2+ (cursor)", filter: { limit: 50 }, pagesBefore: 1 + (k % 8) });
    out.push({ kind: "deep cursor", filter: { limit: 50, after: facts.deepCursors[k % facts.deepCursors.length] } });
    out.push({ kind: "page 2+ status", filter: { status: ["FAILED"], limit: 50 }, pagesBefore: 1 + (k % 8) });
  }
  return out;
}
