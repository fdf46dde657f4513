import { z } from "zod";
import type { ExecutionFilter } from "../db/execution-filter";
import { compileInputCondition } from "./input-condition";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const;
const SOURCES = ["aws", "logs", "file", "local", "replay"] as const;

const optionalText = z
  .string()
  .trim()
  .max(500)
  .optional()
  .transform((v) => (v ? v : undefined));
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v, ctx) => {
      const items = (Array.isArray(v) ? v : v ? v.split(",") : []).map((s) => s.trim()).filter(Boolean);
      for (const item of items) {
        if (!(values as readonly string[]).includes(item)) {
          ctx.addIssue({ code: "custom", message: `unknown value "${item}", expected one of ${values.join(", ")}` });
          return z.NEVER;
        }
      }
      return items.length ? (items as T[number][]) : undefined;
    });
const date = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: `not a date: "${v}"` });
      return z.NEVER;
    }
    return d;
  });

/** The execution list's URL parameters; the same names in the page URL and in /api/executions. */
export const listParamsSchema = z.object({
  machine: optionalText,
  version: optionalText,
  status: list(STATUSES),
  source: list(SOURCES),
  error: optionalText,
  from: date,
  to: date.transform((d) =>
    d && d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0
      ? new Date(d.getTime() + 86_400_000 - 1)
      : d,
  ),
  q: optionalText,
  /** JSONata condition on the execution input, e.g. `$.order.total > 100` */
  where: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .transform((v) => (v ? v : undefined)),
  redriven: z
    .enum(["1", "true", "on"])
    .optional()
    .transform((v) => (v ? true : undefined)),
  region: optionalText,
  account: optionalText,
  after: optionalText,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export type ListParams = z.infer<typeof listParamsSchema>;

export function searchParamsToObject(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries =
    params instanceof URLSearchParams ? [...params.keys()].map((k) => [k, params.getAll(k)] as const) : Object.entries(params);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) && value.length === 1 ? value[0] : (value as string | string[]);
  }
  return out;
}

export function toExecutionFilter(params: ListParams): ExecutionFilter {
  let after: ExecutionFilter["after"];
  if (params.after) {
    const [iso, id] = params.after.split("~");
    const startDate = new Date(iso);
    if (id && !Number.isNaN(startDate.getTime())) after = { startDate, id };
  }
  return {
    stateMachineId: params.machine,
    versionId: params.version,
    status: params.status,
    source: params.source,
    error: params.error,
    from: params.from,
    to: params.to,
    q: params.q,
    redriven: params.redriven,
    region: params.region,
    accountId: params.account,
    inputCondition: params.where ? compileInputCondition(params.where) : undefined,
    after,
    limit: params.limit ?? 50,
  };
}

export function cursorOf(row: { startDate: Date; id: string }): string {
  return `${row.startDate.toISOString()}~${row.id}`;
}

export const STATUS_VALUES = STATUSES;
export const SOURCE_VALUES = SOURCES;
