import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "@/lib/db/test-db";

let test: Awaited<ReturnType<typeof createTestDb>>;
let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  test = await createTestDb();
  process.env.DATABASE_URL = test.target.url;
  ({ POST } = await import("./route"));
});
afterAll(async () => {
  const { db } = await import("@/lib/db/client");
  await db().$disconnect();
  await test.close();
});

const call = (target: string, body: unknown) =>
  POST(
    new Request("http://127.0.0.1:3000/api/sfn", {
      method: "POST",
      headers: {
        "x-amz-target": `AWSStepFunctions.${target}`,
        "x-statelens-user": "ana",
        "x-statelens-role": "operator",
        "x-forwarded-for": "10.1.2.3",
      },
      body: JSON.stringify(body),
    }),
  );

describe("POST /api/sfn audit", () => {
  it("records mutations with the signed-in caller, failed ones too, and no reads", async () => {
    const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    const created = await call("CreateStateMachine", { name: "audited", definition, roleArn: "arn:aws:iam::123456789012:role/r" });
    const { stateMachineArn } = (await created.json()) as { stateMachineArn: string };
    await call("ListStateMachines", {});
    const started = (await (await call("StartExecution", { stateMachineArn, name: "e1" })).json()) as { executionArn: string };
    await call("DescribeExecution", { executionArn: started.executionArn });
    expect((await call("StartExecution", { stateMachineArn: `${stateMachineArn}-missing` })).status).toBe(400);
    const rows = await test.db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.actor, r.action, r.ip])).toEqual([
      ["ana", "sfn.create-state-machine", "10.1.2.3"],
      ["ana", "sfn.start-execution", "10.1.2.3"],
      ["ana", "sfn.start-execution", "10.1.2.3"],
    ]);
    expect(rows[1].target).toBe(stateMachineArn);
    expect(JSON.parse(rows[1].details!)).toMatchObject({ executionArn: started.executionArn, name: "e1", status: 200 });
    expect(JSON.parse(rows[2].details!)).toMatchObject({ status: 400, error: "StateMachineDoesNotExist" });
  });
});
