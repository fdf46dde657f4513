import { HandlerError, timed, type LocalHandler } from "./handler-invoker";
import { hashOf } from "./hash";
import type { ExampleWorkflow } from "./types";

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function definition(labelTimeoutSeconds: number) {
  return {
    Comment:
      "Order fulfillment saga: charge, reserve, update inventory and notify the warehouse in parallel, print the label; compensate on failure",
    StartAt: "ChargeCard",
    States: {
      ChargeCard: { Type: "Task", Resource: fn("ChargeCard"), ResultPath: "$.payment", Next: "ReserveInventory" },
      ReserveInventory: { Type: "Task", Resource: fn("ReserveInventory"), ResultPath: "$.reservation", Next: "UpdateAndNotify" },
      UpdateAndNotify: {
        Type: "Parallel",
        ResultPath: "$.fulfillment",
        Branches: [
          { StartAt: "UpdateInventory", States: { UpdateInventory: { Type: "Task", Resource: fn("UpdateInventory"), End: true } } },
          { StartAt: "NotifyWarehouse", States: { NotifyWarehouse: { Type: "Task", Resource: fn("NotifyWarehouse"), End: true } } },
        ],
        Next: "PrintShippingLabel",
      },
      PrintShippingLabel: {
        Type: "Task",
        Resource: fn("PrintShippingLabel"),
        TimeoutSeconds: labelTimeoutSeconds,
        ResultPath: "$.label",
        Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 3, MaxAttempts: 3, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "ReleaseInventory" }],
        Next: "OrderShipped",
      },
      OrderShipped: { Type: "Succeed" },
      ReleaseInventory: { Type: "Task", Resource: fn("ReleaseInventory"), ResultPath: null, Next: "RefundCard" },
      RefundCard: { Type: "Task", Resource: fn("RefundCard"), ResultPath: null, Next: "OrderFailed" },
      OrderFailed: {
        Type: "Fail",
        Error: "OrderFulfillmentFailed",
        Cause: "The shipping label could not be printed; the order was refunded",
      },
    },
  };
}

interface Order {
  orderId: string;
  total: number;
  items: { sku: string; qty: number }[];
}

const handlers: Record<string, LocalHandler> = {
  [fn("ChargeCard")]: (o: Order) => {
    if (o.total > 900) throw new HandlerError("PaymentDeclined", `card issuer declined ${o.total.toFixed(2)} USD for ${o.orderId}`, 700);
    return timed({ chargeId: `ch_${hashOf(o.orderId).toString(36)}`, amount: o.total }, 500 + (hashOf(o.orderId) % 700));
  },
  [fn("ReserveInventory")]: (o: Order) => timed({ reservationId: `res-${hashOf(o.orderId) % 99999}`, items: o.items.length }, 300),
  [fn("UpdateInventory")]: (o: Order) => timed({ updated: o.items.map((i) => i.sku) }, 450),
  [fn("NotifyWarehouse")]: (o: Order) => timed({ notified: "warehouse-eu-1", orderId: o.orderId }, 200 + (hashOf(o.orderId) % 900)),
  // The label printer is slow: about 2-4 s normally, 12 s when its queue is backed up.
  [fn("PrintShippingLabel")]: (o: Order & { payment: unknown }, { attempt }) => {
    const h = hashOf(o.orderId);
    const slowAttempts = h % 9 === 0 ? 99 : h % 3 === 0 ? 1 : 0;
    const durationMs = attempt < slowAttempts ? 12_000 : 2000 + (h % 2000);
    return timed({ trackingNumber: `1Z${(h % 1e9).toString().padStart(9, "0")}`, carrier: "UPS" }, durationMs);
  },
  [fn("ReleaseInventory")]: () => timed({ released: true }, 250),
  [fn("RefundCard")]: (o: Order) => timed({ refunded: o.total }, 600),
};

export const orderFulfillment: ExampleWorkflow = {
  name: "OrderFulfillment",
  definition: definition(10),
  // Version 2 tightened the label timeout to 3 s: since then PrintShippingLabel retries far more.
  versions: [{ fromDay: 60, definition: definition(3) }],
  handlers,
  input: (i, rand) => {
    const count = 1 + Math.floor(rand() * 3);
    const items = Array.from({ length: count }, (_, k) => ({
      sku: ["SKU-TEE-M", "SKU-MUG-01", "SKU-HOOD-L", "SKU-CAP", "SKU-SOCKS"][(i + k) % 5],
      qty: 1 + Math.floor(rand() * 2),
    }));
    return {
      orderId: `ord-${20000 + i}`,
      customer: { id: `cust-${100 + (i % 700)}`, email: `buyer${i}@example.com` },
      items,
      total: Math.round((rand() < 0.08 ? 950 + rand() * 500 : 15 + rand() * 400) * 100) / 100,
    };
  },
};
