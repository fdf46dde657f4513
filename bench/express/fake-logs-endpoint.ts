import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeLogEvent {
  timestamp: number;
  message: string;
}

export interface FakeLogsEndpoint {
  url: string;
  /** FilterLogEvents calls answered and refused with ThrottlingException since the last reset. */
  counters: { pages: number; throttled: number };
  /** Requests per second FilterLogEvents accepts (Infinity: no quota). */
  setQuota(perSecond: number): void;
  reset(): void;
  close(): Promise<void>;
}

/** CloudWatch Logs counts an event as its UTF-8 message plus 26 bytes against the 1 MB page. */
const EVENT_OVERHEAD_BYTES = 26;
const MAX_PAGE_BYTES = 1_048_576;
const MAX_PAGE_EVENTS = 10_000;

/**
 * A Step Functions + CloudWatch Logs endpoint for one Express state machine logging at ALL with
 * execution data, with FilterLogEvents held to AWS's limits: at most `perSecond` requests in any
 * one-second window (ThrottlingException "Rate exceeded" beyond, as AWS answers), pages of at most
 * 10,000 events or 1 MB, events sorted by timestamp, start and end times inclusive.
 */
export async function startFakeLogsEndpoint(machine: { name: string; arn: string; logGroup: string }, events: FakeLogEvent[]) {
  const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
  let quota = 5;
  let accepted: number[] = [];
  const counters = { pages: 0, throttled: 0 };
  const describe = {
    stateMachineArn: machine.arn,
    name: machine.name,
    type: "EXPRESS",
    status: "ACTIVE",
    definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }),
    roleArn: "arn:aws:iam::123456789012:role/bench",
    creationDate: 1_700_000_000,
    loggingConfiguration: {
      level: "ALL",
      includeExecutionData: true,
      destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${machine.logGroup}:*` } }],
    },
  };

  const filter = (body: Record<string, unknown>) => {
    const start = typeof body.startTime === "number" ? body.startTime : -Infinity;
    const end = typeof body.endTime === "number" ? body.endTime : Infinity;
    let index = typeof body.nextToken === "string" ? Number(body.nextToken) : lowerBound(sorted, start);
    const page: FakeLogEvent[] = [];
    let bytes = 0;
    while (index < sorted.length && sorted[index].timestamp <= end && page.length < MAX_PAGE_EVENTS) {
      const size = Buffer.byteLength(sorted[index].message) + EVENT_OVERHEAD_BYTES;
      if (bytes + size > MAX_PAGE_BYTES && page.length > 0) break;
      bytes += size;
      page.push(sorted[index++]);
    }
    const more = index < sorted.length && sorted[index].timestamp <= end;
    return {
      events: page.map((e, i) => ({ ...e, logStreamName: "s", ingestionTime: e.timestamp, eventId: String(index - page.length + i) })),
      searchedLogStreams: [],
      ...(more ? { nextToken: String(index) } : {}),
    };
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const target = String(request.headers["x-amz-target"] ?? "");
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      const reply = (status: number, value: unknown, type = "application/x-amz-json-1.0") =>
        response.writeHead(status, { "content-type": type }).end(JSON.stringify(value));
      if (target === "AWSStepFunctions.ListStateMachines")
        return reply(200, {
          stateMachines: [{ stateMachineArn: machine.arn, name: machine.name, type: "EXPRESS", creationDate: 1_700_000_000 }],
        });
      if (target === "AWSStepFunctions.DescribeStateMachine") return reply(200, describe);
      if (target === "Logs_20140328.FilterLogEvents") {
        const now = performance.now();
        accepted = accepted.filter((t) => t > now - 1000);
        if (accepted.length >= quota) {
          counters.throttled++;
          return reply(400, { __type: "ThrottlingException", message: "Rate exceeded" }, "application/x-amz-json-1.1");
        }
        accepted.push(now);
        counters.pages++;
        return reply(200, filter(body), "application/x-amz-json-1.1");
      }
      reply(400, { __type: "UnknownOperationException", message: target });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint: FakeLogsEndpoint = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counters,
    setQuota: (perSecond) => {
      quota = perSecond;
    },
    reset: () => {
      counters.pages = 0;
      counters.throttled = 0;
      accepted = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return endpoint;
}

function lowerBound(events: FakeLogEvent[], timestamp: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid].timestamp < timestamp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
