import { expect, test, type APIRequestContext } from "@playwright/test";

/** One call of the local Step Functions API that `serve` answers on POST / (as the AWS SDK sends it). */
async function sfn(request: APIRequestContext, operation: string, body: Record<string, unknown>) {
  const response = await request.post("/", {
    headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": `AWSStepFunctions.${operation}` },
    data: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status(), JSON.stringify(json)).toBe(200);
  return json;
}

const DEFINITION = {
  Comment: "waits for a human",
  StartAt: "Approve",
  States: {
    Approve: {
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", MessageBody: { "token.$": "$$.Task.Token" } },
      HeartbeatSeconds: 600,
      TimeoutSeconds: 86400,
      Next: "Ship",
    },
    Ship: { Type: "Pass", End: true },
  },
};

test("a running execution shows what it waits on, and its page follows it to the end (screenshot check)", async ({ page, request }) => {
  const name = `LiveApproval${Date.now()}`;
  const { stateMachineArn } = await sfn(request, "CreateStateMachine", {
    name,
    definition: JSON.stringify(DEFINITION),
    roleArn: "arn:aws:iam::123456789012:role/statelens-e2e",
  });
  const { executionArn } = await sfn(request, "StartExecution", { stateMachineArn, name: "waiting-1", input: '{"order":42}' });

  // the engine reports the waiting execution to the store: it is listed while it runs
  await expect(async () => {
    await page.goto("/executions");
    await page.getByTestId("filter-machine").selectOption({ label: name }, { timeout: 1000 });
    await page.getByTestId("apply-filters").click();
    await expect(page.getByTestId("execution-row")).toHaveCount(1, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId("execution-row").first().getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-status")).toHaveText("RUNNING");
  const panel = page.getByTestId("waiting-panel");
  await expect(panel).toContainText("Approve");
  await expect(panel.getByTestId("waiting-item")).toHaveAttribute("data-kind", "callback");
  const token = (await panel.getByTestId("waiting-token").textContent())!.trim();
  expect(token.length).toBeGreaterThan(10);
  await expect(panel.getByTestId("waiting-heartbeat")).toContainText("every 600 s");
  await expect(panel.getByTestId("waiting-timeout")).toContainText("TimeoutSeconds 86400");
  await expect(page.getByTestId("running-for")).toBeVisible();
  await expect(page.getByTestId("execution-output")).toContainText("still running");
  await page.screenshot({ path: "test-results/live-execution-waiting.png", fullPage: false });

  // the token the page shows is the one the engine waits for: answer it, and the page follows
  await sfn(request, "SendTaskSuccess", { taskToken: token, output: '{"approved":true}' });
  await expect(page.getByTestId("execution-status")).toHaveText("SUCCEEDED", { timeout: 20_000 });
  await expect(page.getByTestId("waiting-panel")).toHaveCount(0);
  await expect(page.getByTestId("execution-output")).toContainText("approved");
  const described = await sfn(request, "DescribeExecution", { executionArn });
  expect(described.status).toBe("SUCCEEDED");
});

test("an activity task waiting for a worker, then taken by one, shows in the waiting panel", async ({ page, request }) => {
  const suffix = Date.now();
  const { activityArn } = await sfn(request, "CreateActivity", { name: `review-${suffix}` });
  const name = `LiveActivity${suffix}`;
  const { stateMachineArn } = await sfn(request, "CreateStateMachine", {
    name,
    definition: JSON.stringify({
      StartAt: "Review",
      States: { Review: { Type: "Task", Resource: activityArn, HeartbeatSeconds: 600, TimeoutSeconds: 86400, End: true } },
    }),
    roleArn: "arn:aws:iam::123456789012:role/statelens-e2e",
  });
  const { executionArn } = await sfn(request, "StartExecution", { stateMachineArn, name: "review-1", input: '{"doc":7}' });

  await expect(async () => {
    await page.goto("/executions");
    await page.getByTestId("filter-machine").selectOption({ label: name }, { timeout: 1000 });
    await page.getByTestId("apply-filters").click();
    await expect(page.getByTestId("execution-row")).toHaveCount(1, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId("execution-row").first().getByTestId("execution-link").click();
  const panel = page.getByTestId("waiting-panel");
  await expect(panel.getByTestId("waiting-item")).toHaveAttribute("data-kind", "activity");
  await expect(panel).toContainText("activity waits for a worker");
  await expect(panel.getByTestId("waiting-timeout")).toContainText("TimeoutSeconds 86400");

  // a worker takes it (GetActivityTask on the dashboard's POST /): the panel names it
  const task = await sfn(request, "GetActivityTask", { activityArn, workerName: "e2e-worker" });
  expect(JSON.parse(task.input as string)).toEqual({ doc: 7 });
  await expect(panel).toContainText("activity taken by worker e2e-worker", { timeout: 20_000 });
  await expect(panel.getByTestId("waiting-heartbeat")).toContainText("every 600 s");

  await sfn(request, "SendTaskSuccess", { taskToken: task.taskToken, output: '{"ok":true}' });
  await expect(page.getByTestId("execution-status")).toHaveText("SUCCEEDED", { timeout: 20_000 });
  expect((await sfn(request, "DescribeExecution", { executionArn })).status).toBe("SUCCEEDED");
});
