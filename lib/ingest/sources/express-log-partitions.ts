import { isTerminalEventType } from "../summarize-history";

/** Express executions last at most five minutes; each fetch reaches back this far past the cursor. */
export const EXPRESS_MAX_DURATION_MS = 5 * 60_000;
/** Log events younger than this may still be on their way into CloudWatch Logs. */
export const LOG_DELIVERY_LAG_MS = 60_000;
/** How far a partition reads past its own bounds: every execution it owns is read whole. */
export const PARTITION_OVERLAP_MS = EXPRESS_MAX_DURATION_MS + LOG_DELIVERY_LAG_MS;
/** An incremental run (minutes to hours of logs) is one partition; only backfills are split. */
export const MIN_PARTITION_MS = 6 * 3600_000;

/**
 * One slice of an Express state machine's log window. It owns the executions whose earliest log
 * record falls in [start, end) and reads [readStart, readEnd): its bounds widened by one Express
 * lifetime (clamped to the window), so an owned execution is read whole and one it sees only in
 * part is never owned (its earliest record lies before `start`, or it starts at `end` or later).
 */
export interface LogPartition {
  start: number;
  end: number;
  readStart: number;
  readEnd: number;
}

/**
 * Splits [windowStart, windowEnd) for a backfill: about 8 partitions per call in flight, none
 * shorter than MIN_PARTITION_MS, so partitions read in parallel up to the quota and the cursor
 * moves every 1/8 of the work or so. A short window is one partition.
 */
export function splitWindow(windowStart: number, windowEnd: number, inFlight: number): LogPartition[] {
  const span = windowEnd - windowStart;
  if (span <= 0) return [];
  const length = Math.max(MIN_PARTITION_MS, Math.ceil(span / Math.max(1, inFlight * 8)));
  const partitions: LogPartition[] = [];
  for (let start = windowStart; start < windowEnd; start += length) {
    const end = Math.min(windowEnd, start + length);
    partitions.push({
      start,
      end,
      readStart: Math.max(windowStart, start - PARTITION_OVERLAP_MS),
      readEnd: Math.min(windowEnd, end + PARTITION_OVERLAP_MS),
    });
  }
  return partitions;
}

export interface LogRecordLike {
  type: string;
  execution_arn: string;
}

/**
 * Groups the records of one partition as they stream in (pages sorted by event timestamp):
 * executions it owns are handed out once they are closed and the stream has moved past their
 * terminal record's timestamp (records of one millisecond may arrive in any order), or once they can
 * get no more records (their earliest record is more than an Express lifetime behind), so memory
 * holds only the executions in flight, never the whole window; `drain` hands out the rest.
 */
export class PartitionGrouper<R extends LogRecordLike> {
  private readonly open = new Map<string, { first: number; closedAt: number | null; records: R[] }>();
  /** Executions seen here but owned by a neighbour, with when they were first seen (pruned as the stream moves on). */
  private readonly foreign = new Map<string, number>();

  constructor(private readonly partition: LogPartition) {}

  add(record: R, timestamp: number): void {
    const arn = record.execution_arn;
    if (this.foreign.has(arn)) return;
    let entry = this.open.get(arn);
    if (!entry) {
      if (timestamp < this.partition.start || timestamp >= this.partition.end) {
        this.foreign.set(arn, timestamp);
        return;
      }
      entry = { first: timestamp, closedAt: null, records: [] };
      this.open.set(arn, entry);
    }
    entry.records.push(record);
    if (isTerminalEventType(record.type)) entry.closedAt = timestamp;
  }

  /** The executions complete once every record up to `timestamp` has been added. */
  settled(timestamp: number): R[][] {
    const done: R[][] = [];
    for (const [arn, entry] of this.open) {
      const closed = entry.closedAt !== null && entry.closedAt < timestamp;
      if (closed || entry.first + PARTITION_OVERLAP_MS <= timestamp) {
        done.push(entry.records);
        this.open.delete(arn);
      }
    }
    for (const [arn, first] of this.foreign) if (first + PARTITION_OVERLAP_MS <= timestamp) this.foreign.delete(arn);
    return done;
  }

  /** Everything still open (running when the window closed, or logged without a terminal event). */
  drain(): R[][] {
    const rest = [...this.open.values()].map((e) => e.records);
    this.open.clear();
    this.foreign.clear();
    return rest;
  }
}
