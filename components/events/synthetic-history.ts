import { eventDetailsKey } from "../../lib/asl/history/types";
import type { EventDto } from "../../lib/model/execution";

/**
 * A large AWS-shaped history for load tests and the component gallery: a Pass state, then a Map
 * whose iterations each run one Lambda task (some retried after a throttle, a few caught), with
 * `concurrency` iterations in flight and deterministic pseudo-random timings.
 */
export function syntheticMapHistory(
  iterations: number,
  options: { concurrency?: number; seed?: number; start?: string } = {},
): {
  definition: Record<string, unknown>;
  events: EventDto[];
} {
  const concurrency = options.concurrency ?? 10;
  let seed = options.seed ?? 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const t0 = Date.parse(options.start ?? "2026-10-01T09:00:00Z");
  const raw: Omit<EventDto, "id">[] = [];
  const refs: number[] = []; // index into raw of the event each one follows (-1: none)
  const push = (at: number, type: string, details: Record<string, unknown> | null, prev: number): number => {
    const event: Omit<EventDto, "id"> = { previousEventId: 0, timestamp: new Date(at).toISOString(), type };
    if (details) event[eventDetailsKey(type)] = details;
    raw.push(event);
    refs.push(prev);
    return raw.length - 1;
  };
  const items = Array.from({ length: iterations }, (_, i) => ({ order: i, sku: `SKU-${(i * 7919) % 10_000}` }));
  let e = push(
    t0,
    "ExecutionStarted",
    { input: JSON.stringify({ items: items.length }), roleArn: "arn:aws:iam::111111111111:role/demo" },
    -1,
  );
  e = push(t0 + 5, "PassStateEntered", { name: "Load", input: "{}" }, e);
  e = push(t0 + 9, "PassStateExited", { name: "Load", output: JSON.stringify({ count: items.length }) }, e);
  e = push(t0 + 12, "MapStateEntered", { name: "Process", input: JSON.stringify({ count: items.length }) }, e);
  const mapStarted = push(t0 + 15, "MapStateStarted", { length: iterations }, e);

  // simulate slots: each iteration starts when a slot frees up
  const slots = Array.from({ length: concurrency }, () => t0 + 20);
  const timeline: { at: number; build: () => void }[] = [];
  let lastEnd = t0 + 20;
  let previousIterationLast = mapStarted;
  let latestAt = 0;
  for (let i = 0; i < iterations; i++) {
    const slot = slots.indexOf(Math.min(...slots));
    const at = slots[slot];
    const throttled = random() < 0.08;
    const failsHard = random() < 0.01;
    const durations = [40 + random() * 400, 40 + random() * 300];
    const plan = { i, at, throttled, failsHard, durations };
    const span = 10 + durations[0] + (throttled ? 1000 + durations[1] : 0) + 12;
    slots[slot] = at + span;
    lastEnd = Math.max(lastEnd, at + span);
    timeline.push({ at, build: () => buildIteration(plan) });
  }
  function buildIteration(plan: { i: number; at: number; throttled: boolean; failsHard: boolean; durations: number[] }) {
    let t = plan.at;
    const started = push(t, "MapIterationStarted", { index: plan.i, name: "Process" }, mapStarted);
    let prev = push((t += 1), "TaskStateEntered", { name: "Charge", input: JSON.stringify(items[plan.i]) }, started);
    const attempt = (fail: string | null, duration: number) => {
      prev = push(
        (t += 2),
        "TaskScheduled",
        {
          resource: "invoke",
          resourceType: "lambda",
          region: "us-east-1",
          parameters: JSON.stringify({ FunctionName: "charge", Payload: items[plan.i] }),
        },
        prev,
      );
      prev = push((t += 3), "TaskStarted", { resource: "invoke", resourceType: "lambda" }, prev);
      t += duration;
      prev = fail
        ? push(t, "TaskFailed", { resource: "invoke", resourceType: "lambda", error: fail, cause: `${fail} for item ${plan.i}` }, prev)
        : push(
            t,
            "TaskSucceeded",
            { resource: "invoke", resourceType: "lambda", output: JSON.stringify({ ok: true, order: plan.i }) },
            prev,
          );
    };
    if (plan.throttled) {
      attempt("Lambda.TooManyRequestsException", plan.durations[0]);
      t += 1000;
      attempt(plan.failsHard ? "Card.Declined" : null, plan.durations[1]);
    } else {
      attempt(plan.failsHard ? "Card.Declined" : null, plan.durations[0]);
    }
    const output = plan.failsHard ? { Error: "Card.Declined", Cause: `Card.Declined for item ${plan.i}` } : { ok: true, order: plan.i };
    prev = push((t += 2), "TaskStateExited", { name: "Charge", output: JSON.stringify(output) }, prev);
    if (plan.failsHard) {
      prev = push((t += 1), "PassStateEntered", { name: "Declined", input: JSON.stringify(output) }, prev);
      prev = push((t += 1), "PassStateExited", { name: "Declined", output: JSON.stringify(output) }, prev);
    }
    const done = push((t += 1), "MapIterationSucceeded", { index: plan.i, name: "Process" }, prev);
    if (t >= latestAt) {
      latestAt = t;
      previousIterationLast = done;
    }
  }
  for (const item of timeline) item.build();
  lastEnd = Math.max(lastEnd, latestAt);
  const mapSucceeded = push(lastEnd + 5, "MapStateSucceeded", null, previousIterationLast);
  e = push(lastEnd + 8, "MapStateExited", { name: "Process", output: JSON.stringify({ processed: iterations }) }, mapSucceeded);
  e = push(lastEnd + 12, "SucceedStateEntered", { name: "Done", input: "{}" }, e);
  e = push(lastEnd + 14, "SucceedStateExited", { name: "Done", output: "{}" }, e);
  push(lastEnd + 16, "ExecutionSucceeded", { output: JSON.stringify({ processed: iterations }) }, e);

  // timestamps are not monotonic in append order with overlapping iterations; ids follow append
  // order as AWS assigns them on write, so sort by time and renumber, keeping links
  const order = raw.map((_, i) => i).sort((a, b) => Date.parse(raw[a].timestamp) - Date.parse(raw[b].timestamp) || a - b);
  const idOf = new Map<number, number>();
  order.forEach((rawIndex, position) => idOf.set(rawIndex, position + 1));
  const events: EventDto[] = order.map((rawIndex) => ({
    ...raw[rawIndex],
    id: idOf.get(rawIndex)!,
    previousEventId: refs[rawIndex] >= 0 ? idOf.get(refs[rawIndex])! : 0,
  }));
  return { definition: DEFINITION, events };
}

const DEFINITION = {
  Comment: "Synthetic load: charge every item",
  StartAt: "Load",
  States: {
    Load: { Type: "Pass", Next: "Process" },
    Process: {
      Type: "Map",
      MaxConcurrency: 10,
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "Charge",
        States: {
          Charge: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], IntervalSeconds: 1, MaxAttempts: 3 }],
            Catch: [{ ErrorEquals: ["Card.Declined"], Next: "Declined" }],
            End: true,
          },
          Declined: { Type: "Pass", End: true },
        },
      },
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};
