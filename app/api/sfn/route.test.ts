import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/db/test-db";
import { EXAMPLE_WORKFLOWS } from "@/lib/examples";

let close: () => Promise<void>;
let POST: (request: Request) => Promise<Response>;
let db: Awaited<ReturnType<typeof createTestDb>>["db"];

beforeAll(async () => {
  const test = await createTestDb();
  close = test.close;
  db = test.db;
  // The route opens the process-wide client from DATABASE_URL on first use.
  process.env.DATABASE_URL = test.target.url;
  ({ POST } = await import("./route"));
});
afterAll(async () => {
  const { db: shared } = await import("@/lib/db/client");
  await shared().$disconnect();
  await close();
});

const call = (target: string, body: unknown) =>
  POST(
    new Request("http://127.0.0.1:3000/api/sfn", {
      method: "POST",
      headers: { "x-amz-target": target, "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify(body),
    }),
  );

describe("POST /api/sfn", () => {
  it("runs executions and stores the finished ones for the dashboard (source local)", async () => {
    const workflow = EXAMPLE_WORKFLOWS.find((w) => w.name === "PaymentVerification") ?? EXAMPLE_WORKFLOWS[0];
    const created = await call("AWSStepFunctions.CreateStateMachine", {
      name: workflow.name,
      definition: JSON.stringify(workflow.definition),
      roleArn: "arn:aws:iam::123456789012:role/r",
    });
    expect(created.status).toBe(200);
    expect(created.headers.get("content-type")).toBe("application/x-amz-json-1.0");
    const { stateMachineArn, creationDate } = (await created.json()) as { stateMachineArn: string; creationDate: number };
    expect(typeof creationDate).toBe("number");
    const started = await call("AWSStepFunctions.StartExecution", {
      stateMachineArn,
      name: "from-route",
      input: JSON.stringify(workflow.input(3, () => 0.3)),
    });
    const { executionArn } = (await started.json()) as { executionArn: string };
    const described = (await (await call("AWSStepFunctions.DescribeExecution", { executionArn })).json()) as { status: string };
    const row = await db.execution.findUnique({ where: { executionArn } });
    expect(row).toMatchObject({ source: "local", status: described.status, name: "from-route" });
    expect(row!.eventCount).toBeGreaterThan(3);
  });

  it("answers errors in the awsJson shape", async () => {
    const response = await call("AWSStepFunctions.DescribeExecution", {
      executionArn: "arn:aws:states:us-east-1:123456789012:execution:Nope:x",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: "com.amazonaws.states#ExecutionDoesNotExist",
      message: "Execution Does Not Exist: 'arn:aws:states:us-east-1:123456789012:execution:Nope:x'",
    });
    const unknown = await call("AWSStepFunctions.CreateWorkflow", {});
    expect(((await unknown.json()) as { __type: string }).__type).toBe("com.amazon.coral.service#UnknownOperationException");
  });
});
