import { expect, test, type Page } from "@playwright/test";

async function openFirst(page: Page, query: string) {
  await page.goto(`/executions?${query}`);
  await page.getByTestId("execution-row").first().getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-detail")).toBeVisible();
}

test("the failed state is marked on the graph and selected in the inspector (screenshot check)", async ({ page }) => {
  await openFirst(page, "status=FAILED&q=PaymentDeclined");
  const node = page.getByTestId("graph-node-ChargeCard");
  await expect(node).toBeVisible();
  await expect(node).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("state-inspector")).toContainText("PaymentDeclined");
  // Visible marking: the failed node is drawn in the failure colour, unlike a succeeded node.
  const shot = await node.screenshot();
  expect(shot.length).toBeGreaterThan(200);
  const colour = await node.evaluate((el) => getComputedStyle(el).borderColor);
  const okColour = await page.getByTestId("graph-node-Start").or(page.locator('[data-status="succeeded"]').first()).first().evaluate((el) => getComputedStyle(el).borderColor);
  expect(colour).not.toBe(okColour);
});

test("a caught and retried state: timeline attempts, inspector attempts, deep link ?state=", async ({ page }) => {
  await openFirst(page, "q=OrderFulfillmentFailed&status=FAILED");
  const label = page.getByTestId("graph-node-PrintShippingLabel");
  await expect(label).toHaveAttribute("data-status", /caught|retried/);
  await label.click();
  await expect(page).toHaveURL(/state=PrintShippingLabel/);
  await expect(page.getByTestId("state-inspector")).toContainText("States.Timeout");
  await expect(page.getByTestId("execution-timeline")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("state-inspector")).toContainText("PrintShippingLabel");
});

test("an imported AWS history displays with its events", async ({ page }) => {
  await openFirst(page, "source=file&status=FAILED");
  await expect(page.getByTestId("event-table")).toBeVisible();
  await expect(page.getByTestId("state-machine-graph")).toBeVisible();
  await expect(page.getByTestId("execution-error")).toBeVisible();
});
