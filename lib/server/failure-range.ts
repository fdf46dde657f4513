import { z } from "zod";

const DAY = 86_400_000;

/** `?stateMachine=&since=&until=` of the failures and overview pages and their API routes. */
export const failureRangeSchema = z
  .object({
    /** a state machine's name, ARN or id; absent = all */
    stateMachine: z.string().min(1).max(2048).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    buckets: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();

export type FailureRangeParams = z.infer<typeof failureRangeSchema>;

/** The range asked for: `until` defaults to now, `since` to 7 days before `until`. */
export function rangeOf(params: { since?: string; until?: string }, now = new Date()): { since: Date; until: Date } {
  const until = params.until ? new Date(params.until) : now;
  const since = params.since ? new Date(params.since) : new Date(until.getTime() - 7 * DAY);
  return { since, until };
}

/** The query string as one object, for the schema (a repeated key keeps its last value). */
export function searchParamsObject(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(params.entries());
}
