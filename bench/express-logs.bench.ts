/**
 * Benchmark 9: Express executions from CloudWatch Logs. A fake endpoint holds FilterLogEvents to
 * AWS's limits (5 requests per second per account and Region, pages of 10,000 events or 1 MB) and
 * serves the log records of `executions` runs of a real AWS-shaped history (our engine, outside the
 * timing) spread over `days`. The floor is a plain SDK reader paced at the quota that stores
 * nothing: no ingester can read faster. `statelens ingest aws` then reads the same window into a
 * fresh SQLite store; a second run without the quota gives its own processing rate. The time for 90
 * days of a busy workflow follows on paper from those rates and the quota.
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { createTestDb } from "../lib/db/test-db";
import { prismaSink } from "../lib/db/prisma-sink";
import { createRatePacer } from "../lib/ingest/aws/rate-pacer";
import { ingestAws } from "../lib/ingest/ingest-aws";
import { EXPRESS_MAX_DURATION_MS, LOG_DELIVERY_LAG_MS } from "../lib/ingest/sources/express-log-partitions";
import { historyToLogRecords } from "../lib/sfn-api/history-to-log-records";
import { startFakeLogsEndpoint, type FakeLogEvent } from "./express/fake-logs-endpoint";
import { ingestFixtures } from "./ingest/ingest-fixtures";
import { log } from "./support/log";
import { round } from "./support/stats";

export interface ExpressLogsOptions {
  executions?: number;
  events?: number;
  days?: number;
}

const QUOTA_TPS = 5;
const MACHINE = {
  name: "BenchExpress",
  arn: "arn:aws:states:us-east-1:123456789012:stateMachine:BenchExpress",
  logGroup: "/aws/vendedlogs/states/BenchExpress",
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function run(options: ExpressLogsOptions = {}) {
  const executions = options.executions ?? 3000;
  const eventsEach = options.events ?? 20;
  const days = options.days ?? 2;
  const now = Date.now();
  const since = now - days * 86_400_000;
  const [fixture] = await ingestFixtures(1, eventsEach, "express");
  const events: FakeLogEvent[] = [];
  for (let i = 0; i < executions; i++) {
    const start = since + 10 * 60_000 + Math.floor((i * (days * 86_400_000 - 30 * 60_000)) / executions);
    const shift = start - fixture.events[0].timestamp.getTime();
    const executionArn = `arn:aws:states:us-east-1:123456789012:express:${MACHINE.name}:e${i}:${i.toString(16).padStart(8, "0")}`;
    const shifted = fixture.events.map((e) => ({ ...e, timestamp: new Date(e.timestamp.getTime() + shift) }));
    for (const record of historyToLogRecords(shifted, { executionArn })) {
      events.push({ timestamp: Number(record.event_timestamp), message: JSON.stringify(record) });
    }
  }
  const totalBytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message), 0);
  const endpoint = await startFakeLogsEndpoint(MACHINE, events);
  try {
    // the window ingest aws reads on a first run
    const startTime = since - EXPRESS_MAX_DURATION_MS - LOG_DELIVERY_LAG_MS;
    const endTime = now - LOG_DELIVERY_LAG_MS;

    log(`express: floor (paced reader) over ${events.length} log events`);
    const floor = await readFloor(endpoint.url, startTime, endTime);
    const floorPages = endpoint.counters.pages;
    await sleep(1100);

    const ingest = async (quota: number, logsTps: number) => {
      endpoint.reset();
      endpoint.setQuota(quota);
      const { db, close } = await createTestDb({ store: "sqlite" });
      try {
        const t = performance.now();
        const summary = await ingestAws(
          { regions: ["us-east-1"], endpoint: endpoint.url, since: new Date(since), now: () => new Date(now), logsTps },
          prismaSink(db),
        );
        const ms = performance.now() - t;
        const stored = await db.execution.count();
        if (summary.errors.length) throw new Error(`ingest aws: ${JSON.stringify(summary.errors[0])}`);
        if (stored !== executions) throw new Error(`ingest aws stored ${stored} executions, expected ${executions}`);
        return {
          ms: round(ms),
          eventsPerSecond: Math.round(events.length / (ms / 1000)),
          pages: endpoint.counters.pages,
          throttled: endpoint.counters.throttled,
        };
      } finally {
        await close();
      }
    };
    log("express: statelens under the quota");
    const ours = await ingest(QUOTA_TPS, QUOTA_TPS);
    await sleep(1100);
    log("express: statelens without a quota (its own processing rate)");
    const unbounded = await ingest(Infinity, 1000);

    const bytesPerEvent = Math.round(totalBytes / events.length);
    const eventsPerPage = Math.round(events.length / floorPages);
    const ratio = round(floor.eventsPerSecond / ours.eventsPerSecond);
    const paper = [1, 10, 50].map((perSecond) => ninetyDays(perSecond, eventsEach, bytesPerEvent, unbounded.eventsPerSecond));
    const summary = [
      `  ${executions} Express executions x ${eventsEach} log events over ${days} days: ${events.length} events, ${bytesPerEvent} bytes each, ${eventsPerPage} per page`,
      `  floor   (SDK reader paced at ${QUOTA_TPS}/s, stores nothing)   ${floor.eventsPerSecond.toLocaleString("en-US")} events/s  (${floorPages} pages, ${round(floor.ms / 1000)} s)`,
      `  statelens ingest aws -> SQLite, quota ${QUOTA_TPS}/s            ${ours.eventsPerSecond.toLocaleString("en-US")} events/s  = ${ratio}x the floor's time  (${ours.pages} pages, ${ours.throttled} throttled)`,
      `  statelens without the quota (parse + store)          ${unbounded.eventsPerSecond.toLocaleString("en-US")} events/s  (${unbounded.pages} pages)`,
      `  90 days on paper (quota ${QUOTA_TPS} pages/s, store rate above; pipelined, so the slower one rules):`,
      ...paper.map(
        (p) =>
          `    ${String(p.perSecond).padStart(2)} executions/s x ${eventsEach} events: ${(p.events / 1e6).toFixed(0)}M events, ${p.pages.toLocaleString("en-US")} pages -> ${p.hours} h (${p.bound}-bound)`,
      ),
    ].join("\n");
    return {
      executions,
      events: events.length,
      bytesPerEvent,
      floor: { ...floor, pages: floorPages },
      ours,
      unbounded,
      ratio,
      paper,
      summary,
    };
  } finally {
    await endpoint.close();
  }
}

/** The fastest any reader can go: FilterLogEvents in sequence, paced at the quota, nothing stored. */
async function readFloor(url: string, startTime: number, endTime: number) {
  const client = new CloudWatchLogsClient({
    region: "us-east-1",
    endpoint: url,
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    retryMode: "adaptive",
    maxAttempts: 10,
  });
  const pace = createRatePacer(QUOTA_TPS, () => Date.now(), sleep);
  const t = performance.now();
  let count = 0;
  let nextToken: string | undefined;
  try {
    do {
      await pace();
      const page = await client.send(new FilterLogEventsCommand({ logGroupName: MACHINE.logGroup, startTime, endTime, nextToken }));
      count += page.events?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken);
  } finally {
    client.destroy();
  }
  const ms = performance.now() - t;
  return { ms: round(ms), events: count, eventsPerSecond: Math.round(count / (ms / 1000)) };
}

function ninetyDays(perSecond: number, eventsEach: number, bytesPerEvent: number, storeRate: number) {
  const events = perSecond * eventsEach * 90 * 86_400;
  const pages = Math.ceil(Math.max(events / 10_000, (events * (bytesPerEvent + 26)) / 1_048_576));
  const quotaSeconds = pages / QUOTA_TPS;
  const storeSeconds = events / storeRate;
  return {
    perSecond,
    events,
    pages,
    hours: round(Math.max(quotaSeconds, storeSeconds) / 3600),
    bound: quotaSeconds >= storeSeconds ? "quota" : "store",
  };
}
