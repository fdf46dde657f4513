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
  const okColour = await page
    .getByTestId("graph-node-Start")
    .or(page.locator('[data-status="succeeded"]').first())
    .first()
    .evaluate((el) => getComputedStyle(el).borderColor);
  expect(colour).not.toBe(okColour);
});

test("a caught and retried state: timeline attempts, inspector attempts, deep link ?state=", async ({ page }) => {
  await openFirst(page, "q=OrderFulfillmentFailed&status=FAILED");
  const label = page.getByTestId("graph-node-PrintShippingLabel");
  await expect(label).toHaveAttribute("data-status", /caught|retried/);
  // the page opens on the root cause (this state); pick another, then come back to it
  await expect(page.getByTestId("state-machine-graph")).toHaveAttribute("data-selected", "PrintShippingLabel");
  await page.getByTestId("graph-node-ChargeCard").click();
  await expect(page).toHaveURL(/state=ChargeCard/);
  await label.click();
  await expect(page).toHaveURL(/state=PrintShippingLabel/);
  await expect(page.getByTestId("state-inspector")).toContainText("States.Timeout");
  await expect(page.getByTestId("execution-timeline")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("state-inspector")).toContainText("PrintShippingLabel");
});

test("a failed saga leads with its root cause, not the Fail state it ended in (screenshot)", async ({ page }) => {
  await openFirst(page, "q=OrderFulfillmentFailed&status=FAILED");
  const banner = page.getByTestId("root-cause");
  await expect(banner).toBeVisible();
  // without a click: the state, the error, the attempts, the Catch, the compensation and the end
  await expect(page.getByTestId("root-cause-state")).toHaveText("PrintShippingLabel");
  await expect(page.getByTestId("root-cause-error")).toHaveText("States.Timeout");
  await expect(banner).toContainText("after 4 attempts");
  await expect(banner).toContainText("[States.ALL]");
  await expect(page.getByTestId("failure-chain").locator("li")).toHaveText([
    /PrintShippingLabel/,
    /PrintShippingLabel/,
    /ReleaseInventory/,
    /RefundCard/,
    /OrderFailed/,
  ]);
  // the banner comes before the execution's own error, and the page opens on the root cause
  const [bannerBox, errorBox] = [await banner.boundingBox(), await page.getByTestId("execution-error").boundingBox()];
  expect(bannerBox!.y).toBeLessThan(errorBox!.y);
  await expect(page.getByTestId("state-machine-graph")).toHaveAttribute("data-selected", "PrintShippingLabel");
  await expect(page.getByTestId("graph-node-PrintShippingLabel")).toHaveAttribute("data-failure-chain", "origin");
  await expect(page.getByTestId("graph-node-RefundCard")).toHaveAttribute("data-failure-chain", "chain");
  await expect(page.getByTestId("state-inspector")).toContainText("States.Timeout");
  await page.screenshot({ path: "test-results/root-cause.png" });
  // a link of the chain selects its state
  await page.getByTestId("failure-chain").getByRole("button", { name: "RefundCard" }).click();
  await expect(page).toHaveURL(/state=RefundCard/);
});

test("an imported AWS history displays with its events", async ({ page }) => {
  await openFirst(page, "source=file&status=FAILED");
  await expect(page.getByTestId("event-table")).toBeVisible();
  await expect(page.getByTestId("state-machine-graph")).toBeVisible();
  await expect(page.getByTestId("execution-error")).toBeVisible();
});

test("a tab bar too narrow for its tabs says so and scrolls to the hidden ones", async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await openFirst(page, "status=FAILED&q=PaymentDeclined");
  const tabs = page.getByTestId("inspector-tabs");
  const more = page.getByTestId("inspector-tabs-scroll-after");
  await expect(more).toBeVisible();
  const last = tabs.getByRole("tab").last();
  const barBox = (await tabs.getByRole("tablist").boundingBox())!;
  const hidden = (await last.boundingBox())!;
  expect(hidden.x + hidden.width).toBeGreaterThan(barBox.x + barBox.width); // clipped at first
  await more.click();
  await expect(async () => {
    const shown = (await last.boundingBox())!;
    expect(shown.x + shown.width).toBeLessThanOrEqual(barBox.x + barBox.width + 1);
  }).toPass({ timeout: 5000 });
  await expect(page.getByTestId("inspector-tabs-scroll-before")).toBeVisible();
  await tabs.screenshot({ path: "test-results/inspector-tabs-scrolled.png" });
});
