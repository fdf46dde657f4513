import type { BenchWorkflow } from "../interpreter/types";

/** Events one loop adds: Check (entered, exited), Charge as a Lambda task (entered, scheduled,
 * started, succeeded, exited) and Advance (entered, exited). */
const EVENTS_PER_LOOP = 9;
/** ExecutionStarted/Succeeded, the last Check and Done (entered, exited). */
const FIXED_EVENTS = 6;

/** Loops and prelude Pass states so a run records exactly `events` history events. */
export function historyShape(events: number): { loops: number; prelude: number } {
  if (events < FIXED_EVENTS) throw new Error(`at least ${FIXED_EVENTS} events`);
  let loops = Math.floor((events - FIXED_EVENTS) / EVENTS_PER_LOOP);
  if ((events - FIXED_EVENTS - EVENTS_PER_LOOP * loops) % 2 !== 0) loops--;
  if (loops < 0) throw new Error(`no loop/prelude shape records exactly ${events} events`);
  return { loops, prelude: (events - FIXED_EVENTS - EVENTS_PER_LOOP * loops) / 2 };
}

/**
 * An order-processing loop whose history has exactly `events` events (AWS's maximum is 25,000):
 * a few prelude Pass states, then Check -> Charge (Lambda task, answered locally) -> Advance until
 * every line is charged. Payloads are realistic (~0.6 KB of order data on every state).
 */
export function historyWorkflow(events = 25_000, seed = 0): BenchWorkflow {
  const { loops, prelude } = historyShape(events);
  const states: Record<string, object> = {};
  for (let i = 0; i < prelude; i++) {
    states[`Prepare${i + 1}`] = {
      Type: "Pass",
      Result: { step: i + 1 },
      ResultPath: "$.prepared",
      Next: i + 1 < prelude ? `Prepare${i + 2}` : "Check",
    };
  }
  Object.assign(states, {
    Check: {
      Type: "Choice",
      Choices: [{ Variable: "$.cursor.charged", NumericGreaterThanEqualsPath: "$.order.lineCount", Next: "Done" }],
      Default: "Charge",
    },
    Charge: {
      Type: "Task",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:charge-line",
      Parameters: {
        "orderId.$": "$.order.id",
        "line.$": "$.cursor.charged",
        "currency.$": "$.order.currency",
        "customer.$": "$.order.customer",
      },
      ResultSelector: { "receipt.$": "$.receipt", "amount.$": "$.amount" },
      ResultPath: "$.lastCharge",
      Next: "Advance",
    },
    Advance: { Type: "Pass", Parameters: { "charged.$": "States.MathAdd($.cursor.charged, 1)" }, ResultPath: "$.cursor", Next: "Check" },
    Done: { Type: "Succeed" },
  });
  return {
    id: "history-25k",
    title: `${events.toLocaleString("en-US")}-event history`,
    definition: { Comment: "charges every order line, one task per line", StartAt: prelude > 0 ? "Prepare1" : "Check", States: states },
    input: {
      order: {
        id: `order-${seed.toString().padStart(6, "0")}`,
        lineCount: loops,
        currency: "EUR",
        customer: {
          id: `cust-${seed % 977}`,
          name: "Ada Lovelace",
          email: "ada@example.com",
          tier: "gold",
          address: { street: "12 Analytical Way", city: "London", zip: "NW1 2AB", country: "GB" },
        },
        notes: "Leave at the door. Ring twice. Fragile items inside; handle with care.",
        tags: ["bench", "history", "statelens", "priority", "gift-wrap"],
      },
      cursor: { charged: 0 },
    },
    handlers: {
      Charge: (input) => {
        const p = input as { orderId: string; line: number; currency: string };
        return {
          receipt: `${p.orderId}-r${p.line}`,
          amount: 100 + ((p.line * 37) % 900),
          currency: p.currency,
          status: "CAPTURED",
          provider: "local",
        };
      },
    },
    transitions: prelude + 3 * loops + 2,
  };
}
