import { HandlerError, timed, type LocalHandler } from "./handler-invoker";
import { hashOf } from "./hash";
import type { ExampleWorkflow } from "./types";

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const definition = {
  Comment: "E-commerce order: check inventory, branch on stock, take payment with retries, create the shipping label",
  StartAt: "CheckInventory",
  States: {
    CheckInventory: {
      Type: "Task",
      Resource: fn("CheckInventory"),
      ResultPath: "$.inventory",
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "InventoryServiceDown" }],
      Next: "StockLevel",
    },
    InventoryServiceDown: {
      Type: "Pass",
      Parameters: { "orderId.$": "$.orderId", reason: "inventory service unavailable", "error.$": "$.error.Error" },
      Next: "NotifyOperations",
    },
    NotifyOperations: { Type: "Task", Resource: fn("NotifyOperations"), ResultPath: null, Next: "OrderOnHold" },
    OrderOnHold: { Type: "Fail", Error: "InventoryUnavailable", Cause: "The inventory check failed; operations were notified" },
    StockLevel: {
      Type: "Choice",
      Choices: [
        { Variable: "$.inventory.status", StringEquals: "IN_STOCK", Next: "ProcessPayment" },
        { Variable: "$.inventory.status", StringEquals: "BACKORDERED", Next: "Backorder" },
      ],
      Default: "OutOfStock",
    },
    Backorder: { Type: "Pass", Result: { status: "BACKORDERED", etaDays: 14 }, ResultPath: "$.backorder", End: true },
    OutOfStock: { Type: "Fail", Error: "OutOfStock", Cause: "No stock and no backorder possible" },
    ProcessPayment: {
      Type: "Task",
      Resource: fn("ProcessPayment"),
      ResultPath: "$.payment",
      Retry: [{ ErrorEquals: ["PaymentGatewayTimeout"], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 }],
      Next: "CreateShippingLabel",
    },
    CreateShippingLabel: { Type: "Task", Resource: fn("CreateShippingLabel"), ResultPath: "$.shipping", End: true },
  },
};

interface Order {
  orderId: string;
  sku: string;
  quantity: number;
  amount: number;
}

const handlers: Record<string, LocalHandler> = {
  [fn("CheckInventory")]: (o: Order) => {
    const h = hashOf(o.orderId);
    if (h % 29 === 0) throw new HandlerError("InventoryServiceError", "inventory service returned HTTP 503", 5000);
    const status = h % 11 === 0 ? "OUT_OF_STOCK" : h % 7 === 0 ? "BACKORDERED" : "IN_STOCK";
    return timed({ status, warehouse: "fra-2", available: status === "IN_STOCK" ? 10 + (h % 50) : 0 }, 180);
  },
  [fn("NotifyOperations")]: () => timed({ paged: "ops-oncall" }, 300),
  [fn("ProcessPayment")]: (o: Order, { attempt }) => {
    const h = hashOf(o.orderId + "pay");
    const timeouts = h % 10 === 0 ? 99 : h % 3 === 0 ? 1 : 0;
    if (attempt < timeouts) throw new HandlerError("PaymentGatewayTimeout", "payment gateway did not answer within 5000 ms", 5000);
    return timed({ transactionId: `txn-${h.toString(16)}`, amount: o.amount, currency: "EUR" }, 900 + (h % 600));
  },
  [fn("CreateShippingLabel")]: (o: Order) => timed({ labelUrl: `https://labels.example.com/${o.orderId}.pdf` }, 700),
};

export const ecommerceOrder: ExampleWorkflow = {
  name: "EcommerceOrder",
  definition,
  handlers,
  input: (i, rand) => ({
    orderId: `web-${30000 + i}`,
    sku: ["SKU-LAMP", "SKU-DESK", "SKU-CHAIR"][i % 3],
    quantity: 1 + Math.floor(rand() * 3),
    amount: Math.round((20 + rand() * 300) * 100) / 100,
  }),
};
