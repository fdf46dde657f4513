import { HandlerError, timed, type LocalHandler } from "./handler-invoker";
import { hashOf } from "./hash";
import type { ExampleWorkflow } from "./types";

const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const definition = {
  Comment: "Return process: credit the customer's wallet, restock the item, wait out the return window, email the customer",
  StartAt: "CreditWallet",
  States: {
    CreditWallet: { Type: "Task", Resource: fn("CreditWallet"), ResultPath: "$.wallet", Next: "WalletCredited?" },
    "WalletCredited?": {
      Type: "Choice",
      Choices: [{ Variable: "$.wallet.success", BooleanEquals: true, Next: "UpdateInventory" }],
      Default: "WalletCreditFailed",
    },
    WalletCreditFailed: { Type: "Fail", Error: "WalletCreditFailed", Cause: "The wallet service refused the credit" },
    UpdateInventory: {
      Type: "Task",
      Resource: fn("UpdateInventory"),
      ResultPath: "$.inventory",
      Retry: [{ ErrorEquals: ["ConnectionError"], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }],
      Next: "WaitForReturnWindow",
    },
    WaitForReturnWindow: { Type: "Wait", Seconds: 86400, Next: "SendEmail" },
    SendEmail: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { FunctionName: "SendEmail", "Payload.$": "$" },
      ResultSelector: { "messageId.$": "$.Payload.messageId" },
      ResultPath: "$.email",
      End: true,
    },
  },
};

const handlers: Record<string, LocalHandler> = {
  [fn("CreditWallet")]: (input: { returnId: string; amount: number }) =>
    timed(
      {
        success: input.amount <= 500,
        credited: input.amount <= 500 ? input.amount : 0,
        walletTx: `wtx-${hashOf(input.returnId) % 100000}`,
      },
      250 + (hashOf(input.returnId) % 400),
    ),
  [fn("UpdateInventory")]: (input: { returnId: string; sku: string }, { attempt }) => {
    const h = hashOf(input.returnId);
    // 1 in 4 returns hits a flaky connection once; 1 in 13 never gets through (retries exhausted).
    const failures = h % 13 === 0 ? 99 : h % 4 === 0 ? 1 : 0;
    if (attempt < failures)
      throw new HandlerError(
        "ConnectionError",
        `inventory database at 10.0.3.17:5432 refused the connection (attempt ${attempt + 1})`,
        3000,
      );
    return timed({ sku: input.sku, restocked: 1 }, 400 + (h % 300));
  },
  SendEmail: (input: { returnId: string; email: string }) =>
    timed({ messageId: `msg-${hashOf(input.email + input.returnId).toString(16)}` }, 600),
};

export const returnProcess: ExampleWorkflow = {
  name: "ReturnProcess",
  definition,
  handlers,
  input: (i, rand) => ({
    returnId: `ret-${10000 + i}`,
    customerId: `cust-${Math.floor(rand() * 900) + 100}`,
    sku: ["SKU-TEE-M", "SKU-MUG-01", "SKU-HOOD-L", "SKU-CAP"][i % 4],
    amount: Math.round((rand() < 0.1 ? 600 + rand() * 400 : 10 + rand() * 300) * 100) / 100,
    email: `customer${i}@example.com`,
  }),
};
