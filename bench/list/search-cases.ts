import type { ExecutionFilter } from "../../lib/db/list-executions";

export interface SearchRequest {
  kind: string;
  filter: ExecutionFilter;
  /** Follow the cursor this many pages before the timed request. */
  pagesBefore?: number;
}

/**
 * Search-box requests over the fill model's payloads (fill-model.ts), by how many rows hold the
 * term: none, one, a handful, a few per cent, nearly all; terms of 1-2 characters (the trigram
 * index cannot answer them); terms with a status filter; later pages. Customer ids are
 * `cust-<0..49999>`, so `cust-12` also matches cust-120..129, 1200..1299 and 12000..12999.
 */
export function searchRequests(facts: { names: string[]; customers: string[] }): SearchRequest[] {
  const page = (q: string, extra: Partial<ExecutionFilter> = {}): ExecutionFilter => ({ q, limit: 50, ...extra });
  const kinds: [string, ExecutionFilter[], number?][] = [
    ["absent", ["no-such-text-anywhere", "zzq-404", 'x%y_z"', 'ord-99999999"'].map((q) => page(q))],
    ["one row (name, order id)", [...facts.names, '"ord-4242"'].map((q) => page(q))],
    ["a customer (handful)", facts.customers.map((c) => page(`"${c}"`))],
    ["0.2-2 % of rows", ["cust-345", "cust-12", "paymentdeclined"].map((q) => page(q))],
    ["most rows", ["fraud-model-v4", '"currency":"eur"', "wh-1"].map((q) => page(q))],
    ["1-2 characters", ["zq", "%", "é", "4", "ab"].map((q) => page(q))],
    [
      "term + status",
      [
        page("cust-1", { status: ["FAILED"] }),
        page("paymentdeclined", { status: ["FAILED", "TIMED_OUT"] }),
        page('"channel":"web"', { status: ["ABORTED"] }),
      ],
    ],
    ["page 2-4 (cursor)", [page("fraud-model-v4"), page("cust-12"), page("wh-1")], 3],
  ];
  return kinds.flatMap(([kind, filters, pagesBefore]) =>
    filters.map((filter, k) => ({ kind, filter, pagesBefore: pagesBefore === undefined ? undefined : 1 + (k % pagesBefore) })),
  );
}
