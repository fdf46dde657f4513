import { decodeToken, encodeToken, isCount } from "./page-token";
import { optionalString, type Body } from "./request-fields";
import { SfnError, validationError } from "./sfn-error";
import type { SfnLogRecord } from "./history-to-log-records";
import type { LocalExecution, SfnStore, StoredLogEvent } from "./sfn-types";

/** `arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/X:*` -> `/aws/vendedlogs/states/X` */
export function logGroupName(arn: string): string {
  const index = arn.indexOf(":log-group:");
  return (index >= 0 ? arn.slice(index + ":log-group:".length) : arn).replace(/:\*$/, "");
}

/** Writes an execution's log records as CloudWatch Logs events of its log group (one stream per execution). */
export function appendLogRecords(store: SfnStore, groupArn: string, execution: LocalExecution, records: SfnLogRecord[]): void {
  const name = logGroupName(groupArn);
  const events = store.logGroups.get(name) ?? [];
  const day = execution.startDate.toISOString().slice(0, 10).replace(/-/g, "/");
  const stream = `states/${execution.stateMachine.name}/${day}/${execution.executionArn.split(":").pop()}`;
  for (const record of records) {
    const timestamp = Number(record.event_timestamp);
    events.push({
      logStreamName: stream,
      timestamp,
      ingestionTime: timestamp,
      message: JSON.stringify(record),
      eventId: `${timestamp}${String(events.length).padStart(8, "0")}`,
    });
  }
  events.sort((a, b) => a.timestamp - b.timestamp);
  store.logGroups.set(name, events);
}

/**
 * CloudWatch Logs FilterLogEvents over the records the local service wrote: time window
 * (startTime inclusive, endTime exclusive), optional log stream names, `limit` a page with a
 * nextToken. Filter patterns are not supported (ignored with all events returned).
 */
export function filterLogEvents(
  store: SfnStore,
  body: Body,
): { events: StoredLogEvent[]; searchedLogStreams: never[]; nextToken?: string } {
  const identifier = optionalString(body, "logGroupName") ?? optionalString(body, "logGroupIdentifier");
  if (!identifier) throw validationError("logGroupName", null, "Member must not be null");
  const name = logGroupName(identifier);
  const events = store.logGroups.get(name);
  if (!events) throw new SfnError("ResourceNotFoundException", "The specified log group does not exist.", 400, "com.amazonaws.logs");
  const start = typeof body.startTime === "number" ? body.startTime : -Infinity;
  const end = typeof body.endTime === "number" ? body.endTime : Infinity;
  const streams = Array.isArray(body.logStreamNames) ? new Set(body.logStreamNames as string[]) : null;
  const limit = typeof body.limit === "number" ? body.limit : 10_000;
  if (limit < 1 || limit > 10_000) throw validationError("limit", limit, "Member must have value between 1 and 10000");
  const matching = events.filter((e) => e.timestamp >= start && e.timestamp < end && (!streams || streams.has(e.logStreamName)));
  const scope = `logs:${name}:${start}:${end}`;
  const offset = decodeToken(optionalString(body, "nextToken"), scope, isCount) ?? 0;
  const page = matching.slice(offset, offset + limit);
  const more = offset + limit < matching.length;
  return { events: page, searchedLogStreams: [], ...(more ? { nextToken: encodeToken(scope, offset + limit) } : {}) };
}
