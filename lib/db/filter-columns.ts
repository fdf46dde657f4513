import { dateValue, type Provider } from "./bulk-insert";
import type { ExecutionFilter } from "./execution-filter";

/**
 * The plain-column part of a list filter as SQL over "Execution" (`ts` is the date placeholder:
 * `?`, or a cast on PostgreSQL), for the list's raw queries: the JSONata prefilter's candidates
 * and SQLite's payload search. `q`, the input condition and the cursor are left to the caller.
 */
export function filterColumns(filter: ExecutionFilter, provider: Provider, ts: string): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  const eq = (column: string, value: unknown) => add(`"${column}" = ?`, value);
  const oneOf = (column: string, values: string[]) => add(`"${column}" IN (${values.map(() => "?").join(", ")})`, ...values);
  if (filter.stateMachineId) eq("stateMachineId", filter.stateMachineId);
  if (filter.versionId) eq("versionId", filter.versionId);
  if (filter.status?.length) oneOf("status", filter.status);
  if (filter.source?.length) oneOf("source", filter.source);
  if (filter.error) eq("error", filter.error);
  if (filter.from) add(`"startDate" >= ${ts}`, dateValue(filter.from, provider));
  if (filter.to) add(`"startDate" <= ${ts}`, dateValue(filter.to, provider));
  if (filter.redriven) add(`"redriveCount" > 0`);
  if (filter.region) eq("region", filter.region);
  if (filter.accountId) eq("accountId", filter.accountId);
  return { where, params };
}
