import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";

/** One call of the local Step Functions API that `serve` answers on POST /. */
async function sfn(request: APIRequestContext, operation: string, body: Record<string, unknown>) {
  const response = await request.post("/", {
    headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": `AWSStepFunctions.${operation}` },
    data: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status(), JSON.stringify(json)).toBe(200);
  return json;
}

/** Line boxes of an element's text: more than one means it wrapped. */
async function lines(el: Locator): Promise<number> {
  return el.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

// names at the SFN limit (80 characters), no spaces: the cells that hold them must wrap, nothing else
// (unique per run, so the spec can run again against the same store)
const RUN = Date.now().toString(36);
const MACHINE = `LongMachine${RUN}${"x".repeat(80)}`.slice(0, 80);
const NAME = `long-execution-name-${RUN}-${"y".repeat(80)}`.slice(0, 80);

test.beforeAll(async ({ request }) => {
  const { stateMachineArn } = await sfn(request, "CreateStateMachine", {
    name: MACHINE,
    definition: JSON.stringify({ StartAt: "Boom", States: { Boom: { Type: "Fail", Error: "Long.Error.Name.For.Layout", Cause: "x" } } }),
    roleArn: "arn:aws:iam::123456789012:role/statelens-e2e",
  });
  await sfn(request, "StartExecution", { stateMachineArn, name: NAME, input: "{}" });
});

test("long names never wrap status badges or headers letter by letter in the list (screenshot check)", async ({ page }) => {
  await page.setViewportSize({ width: 760, height: 900 });
  await page.goto(`/executions?q=${NAME}`);
  const row = page.getByTestId("execution-row").first();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("execution-link")).toHaveText(NAME);
  expect(await lines(row.locator(".badge"))).toBe(1);
  for (const header of await page.getByRole("columnheader").all())
    expect(await lines(header), await header.innerText()).toBeLessThanOrEqual(1);
  expect(await lines(row.locator("td").nth(5))).toBe(1); // Duration
  // an error name keeps a readable run of characters (it wrapped four letters a line)
  expect(await lines(row.getByTestId("execution-error"))).toBeLessThanOrEqual(2);
  await page.screenshot({ path: "test-results/long-names-list.png" });
});

test("long names and ARNs never wrap the audit log's headers, times or actions letter by letter (screenshot check)", async ({ page }) => {
  await page.setViewportSize({ width: 760, height: 900 });
  await page.goto("/audit?action=sfn.start-execution");
  const row = page.getByTestId("audit-row").first();
  await expect(row).toBeVisible();
  for (const header of await page.getByRole("columnheader").all())
    expect(await lines(header), await header.innerText()).toBeLessThanOrEqual(1);
  expect(await lines(row.locator("td").nth(0))).toBe(1); // when
  expect(await lines(row.locator("td").nth(2))).toBe(1); // action
  await page.screenshot({ path: "test-results/long-names-audit.png" });
});

test("compare labels the two executions by name and warns when they ran different state machines", async ({ page }) => {
  await page.goto(`/executions?q=${NAME}`);
  const longId = (await page.getByTestId("execution-link").first().getAttribute("href"))!.split("/").pop()!;
  await page.goto("/executions?status=SUCCEEDED");
  const other = page.getByTestId("execution-link").first();
  const otherName = await other.innerText();
  const otherId = (await other.getAttribute("href"))!.split("/").pop()!;
  await page.goto(`/compare?a=${longId}&b=${otherId}`);
  await expect(page.getByTestId("compare-machines-warning")).toContainText(`Different state machines: ${MACHINE} and`);
  await expect(page.getByTestId("compare-a")).toContainText(NAME);
  await expect(page.getByTestId("compare-b")).toContainText(otherName);
  await expect(page.getByTestId("compare-view")).not.toContainText("Replay");
});

test("Compare is at the top of the list, and a multi-status URL keeps both statuses through Apply", async ({ page }) => {
  await page.goto("/executions?status=FAILED,TIMED_OUT");
  await expect(page.getByTestId("filter-status")).toHaveValue("FAILED,TIMED_OUT");
  await page.getByTestId("compare-pick").first().check();
  const [bar, table] = [await page.getByTestId("compare-bar").boundingBox(), await page.getByTestId("execution-table").boundingBox()];
  expect(bar!.y).toBeLessThan(table!.y);
  await page.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(/status=FAILED%2CTIMED_OUT|status=FAILED,TIMED_OUT/);
  await expect(page.getByTestId("filter-status")).toHaveValue("FAILED,TIMED_OUT");
});
