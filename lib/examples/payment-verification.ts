import { HandlerError, timed, type LocalHandler } from "./handler-invoker";
import { hashOf } from "./hash";
import type { ExampleWorkflow } from "./types";

const definition = {
  Comment: "Payment verification: verify, update inventory, notify the customer; each failure ends in its own Fail state",
  StartAt: "VerifyPayment",
  States: {
    VerifyPayment: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "VerifyPayment", "Payload.$": "$" },
      ResultSelector: { "verification.$": "$.Payload" },
      ResultPath: "$.payment",
      Catch: [{ ErrorEquals: ["PaymentVerificationFailed"], ResultPath: "$.error", Next: "PaymentRejected" }],
      Next: "UpdateInventory",
    },
    PaymentRejected: { Type: "Fail", Error: "PaymentRejected", Cause: "The payment could not be verified" },
    UpdateInventory: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "UpdateInventory", "Payload.$": "$" },
      ResultSelector: { "inventory.$": "$.Payload" },
      ResultPath: "$.inventory",
      Catch: [{ ErrorEquals: ["InventoryUpdateFailed"], ResultPath: "$.error", Next: "InventoryFailed" }],
      Next: "NotifyCustomer",
    },
    InventoryFailed: { Type: "Fail", Error: "InventoryFailed", Cause: "The inventory could not be updated after payment" },
    NotifyCustomer: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "NotifyCustomer", "Payload.$": "$" },
      ResultSelector: { "notification.$": "$.Payload" },
      ResultPath: "$.notification",
      End: true,
    },
  },
};

interface Payment {
  paymentId: string;
  method: string;
  amount: number;
  customerEmail: string;
}

const handlers: Record<string, LocalHandler> = {
  VerifyPayment: (p: Payment) => {
    const h = hashOf(p.paymentId);
    if (p.method === "giftcard" && h % 3 === 0)
      throw new HandlerError("PaymentVerificationFailed", `gift card balance too low for ${p.paymentId}`, 400);
    if (h % 17 === 0) throw new HandlerError("PaymentVerificationFailed", `3-D Secure challenge failed for ${p.paymentId}`, 1500);
    return timed({ verified: true, riskScore: h % 100 }, 350 + (h % 500));
  },
  UpdateInventory: (p: Payment) => {
    if (hashOf(p.paymentId + "inv") % 19 === 0)
      throw new HandlerError("InventoryUpdateFailed", "conditional write failed: version conflict on stock row", 200);
    return timed({ updated: true }, 220);
  },
  NotifyCustomer: (p: Payment) => timed({ sent: true, to: p.customerEmail }, 400),
};

export const paymentVerification: ExampleWorkflow = {
  name: "PaymentVerification",
  definition,
  handlers,
  input: (i, rand) => ({
    paymentId: `pay-${40000 + i}`,
    method: ["card", "card", "giftcard", "paypal"][i % 4],
    amount: Math.round((5 + rand() * 250) * 100) / 100,
    customerEmail: `payer${i}@example.com`,
  }),
};
