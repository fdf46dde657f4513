import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveExecution } from "../db/save-execution";
import { createTestDb } from "../db/test-db";
import { createLocalSfnService } from "./index";

let ctx: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  ctx = await createTestDb();
});
afterAll(async () => ctx.close());

describe("a redriven execution in the dashboard's store", () => {
  it("replaces the stored failed run with the redriven one: status, redriveCount, whole history", async () => {
    let broken = true;
    const service = createLocalSfnService({
      taskInvoker: { invoke: () => (broken ? { error: "Down" } : { output: { ok: true } }) },
      onExecutionFinished: async (execution) => void (await saveExecution(ctx.db, execution)),
    });
    const { stateMachineArn } = (await service.call("AWSStepFunctions.CreateStateMachine", {
      name: "stored-redrive",
      roleArn: "arn:aws:iam::123456789012:role/r",
      definition: JSON.stringify({
        StartAt: "A",
        States: {
          A: { Type: "Pass", Next: "T" },
          T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f" }, End: true },
        },
      }),
    })) as { stateMachineArn: string };
    const { executionArn } = (await service.call("AWSStepFunctions.StartExecution", { stateMachineArn })) as { executionArn: string };
    const reported = () => service.context.store.executions.get(executionArn)!.reported;
    await reported();
    const failed = await ctx.db.execution.findUnique({ where: { executionArn } });
    expect(failed).toMatchObject({ status: "FAILED", redriveCount: 0 });

    broken = false;
    await service.call("AWSStepFunctions.RedriveExecution", { executionArn });
    await service.closed();
    await reported();
    const stored = await ctx.db.execution.findUnique({ where: { executionArn } });
    const history = service.context.store.executions.get(executionArn)!.events();
    expect(stored).toMatchObject({ status: "SUCCEEDED", redriveCount: 1, eventCount: history.length });
    expect(history.some((e) => e.type === "ExecutionRedriven")).toBe(true);
  });
});
