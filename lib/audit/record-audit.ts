import type { Db } from "../db/client";
import { insertAuditRow } from "../db/audit-log";

/** What the audit log records; `action` is one of AUDIT_ACTIONS or a new verb of the same form. */
export interface AuditEntry {
  /** user name, "admin" (token), "local" (no access control), "cli:<os user>" */
  actor: string;
  action: string;
  /** the execution ARN, source, path or user acted on */
  target?: string | null;
  /** anything worth keeping, stored as JSON text (at most MAX_DETAILS characters) */
  details?: Record<string, unknown> | null;
  ip?: string | null;
  /** defaults to now */
  at?: Date;
}

/** `sfn.<operation>` (e.g. sfn.start-execution) are the SFN API's mutations (sfn-audit-entry.ts). */
export const AUDIT_ACTIONS = ["login", "login-failed", "logout", "ingest-started", "ingest", "run", "replay", "prune"] as const;

const MAX_DETAILS = 16_000;
const ACTION = /^[a-z][a-z0-9.-]{0,63}$/;

function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function detailsText(details: AuditEntry["details"]): string | null {
  if (!details) return null;
  let text: string;
  try {
    text = JSON.stringify(details);
  } catch (error) {
    return JSON.stringify({ unserializable: (error as Error).message });
  }
  return text.length <= MAX_DETAILS
    ? text
    : JSON.stringify({ truncated: true, length: text.length, start: text.slice(0, MAX_DETAILS - 100) });
}

/**
 * Appends one entry to the audit log (one INSERT). Throws on a malformed action or an empty actor
 * and when the store fails; callers that must not fail because of auditing catch and log.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<number> {
  if (!ACTION.test(entry.action))
    throw new Error(`audit action must be lower-case letters, digits, "." or "-", got ${JSON.stringify(entry.action)}`);
  const actor = clip(entry.actor?.trim(), 200);
  if (!actor) throw new Error("audit actor must not be empty");
  return insertAuditRow(db, {
    at: entry.at ?? new Date(),
    actor,
    action: entry.action,
    target: clip(entry.target, 1000),
    details: detailsText(entry.details),
    ip: clip(entry.ip, 200),
  });
}
