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
  // the graph opens at a readable size centred on that state: pan up to ChargeCard, as a user drags the pane
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  await page.mouse.move(pane.x + 40, pane.y + 40);
  await page.mouse.down();
  await page.mouse.move(pane.x + 40, pane.y + pane.height - 20, { steps: 8 });
  await page.mouse.up();
  await page.getByTestId("graph-node-ChargeCard").click();
  await expect(page).toHaveURL(/state=ChargeCard/);
  // back through the root cause banner: the graph brings the state into view again
  await page.getByTestId("root-cause-state").click();
  await expect(page).toHaveURL(/state=PrintShippingLabel/);
  await expect(label).toBeInViewport();
  await label.click();
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
  await page.setViewportSize({ width: 560, height: 900 });
  await openFirst(page, "status=FAILED&q=PaymentDeclined");
  const tabs = page.getByTestId("inspector-tabs");
  const more = page.getByTestId("inspector-tabs-scroll-after");
  await expect(more).toBeVisible();
  const last = tabs.getByRole("tab").last();
  const barBox = (await tabs.getByRole("tablist").boundingBox())!;
  const hidden = (await last.boundingBox())!;
  expect(hidden.x + hidden.width).toBeGreaterThan(barBox.x + barBox.width); // clipped at first
  // each click scrolls by most of the bar; at the end the button goes away
  for (let i = 0; i < 6 && (await more.isVisible()); i++) {
    // the button leaves the DOM once the end is reached (it may do so during this click's smooth scroll)
    await more.click({ timeout: 2000 }).catch(() => undefined);
    await page.waitForTimeout(400);
  }
  await expect(more).toBeHidden();
  await expect(async () => {
    // the bar widens once its "more" button is gone: measure it again
    const bar = (await tabs.getByRole("tablist").boundingBox())!;
    const shown = (await last.boundingBox())!;
    expect(shown.x + shown.width).toBeLessThanOrEqual(bar.x + bar.width + 1);
  }).toPass({ timeout: 5000 });
  await expect(page.getByTestId("inspector-tabs-scroll-before")).toBeVisible();
  await tabs.screenshot({ path: "test-results/inspector-tabs-scrolled.png" });
});

test("the data flow of a state: each processing step with its value, computed from the recorded input and result (screenshot)", async ({
  page,
}) => {
  await openFirst(page, "q=OrderFulfillmentFailed&status=FAILED");
  // the root cause state was caught: its error output placed by the Catch's ResultPath
  await page.getByTestId("inspector-tabs").getByRole("tab", { name: "Data flow" }).click();
  const flow = page.getByTestId("data-flow");
  await expect(flow.getByTestId("data-flow-step")).toHaveText([/^Input/, /^InputPath/, /^Error output/, /^Catch ResultPath/]);
  await expect(flow.locator('[data-field="Catch ResultPath"]')).toContainText("$.error");
  await expect(flow.getByTestId("data-flow-match")).toBeVisible();
  // a Parallel: its result is its branches' outputs, placed at $.fulfillment
  await page.goto(`${new URL(page.url()).pathname}?state=UpdateAndNotify`);
  await page.getByTestId("inspector-tabs").getByRole("tab", { name: "Data flow" }).click();
  await expect(flow.getByTestId("data-flow-step")).toHaveText([/^Input/, /^InputPath/, /^Result/, /^ResultPath/, /^OutputPath/]);
  await expect(flow.getByTestId("data-flow-match")).toBeVisible();
  await flow.locator('[data-field="ResultPath"]').getByTestId("data-flow-diff-toggle").click();
  await expect(flow.getByTestId("data-flow-diff")).toContainText("fulfillment");
  await page.getByTestId("state-inspector").screenshot({ path: "test-results/data-flow.png" });
});

test("actions: export the execution and a regression test, start a local execution again with an edited input", async ({ page }) => {
  await openFirst(page, "q=OrderFulfillmentFailed&status=FAILED");
  const exported = page.waitForEvent("download");
  await page.getByTestId("export-execution").click();
  const file = await exported;
  expect(file.suggestedFilename()).toMatch(/\.statelens\.json$/);
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(JSON.parse(text).statelens).toBe(1);

  await page.getByText("Regression test").click();
  const mock = page.waitForEvent("download");
  await page.getByTestId("export-mock-config").click();
  const mockText = await (await (await mock).createReadStream()).toArray().then((c) => Buffer.concat(c).toString("utf8"));
  expect(Object.keys(JSON.parse(mockText).MockedResponses)).toContain("PrintShippingLabelRecorded");

  // the demo runs on the local engine: start it again with another order id
  const original = page.url();
  await page.getByTestId("start-again").click();
  const input = page.getByTestId("start-again-input");
  const edited = JSON.parse(await input.inputValue());
  edited.orderId = "ord-e2e-again";
  await input.fill(JSON.stringify(edited, null, 2));
  await page.getByTestId("start-again-submit").click();
  await expect(page).not.toHaveURL(original, { timeout: 30_000 });
  await expect(page.getByTestId("execution-detail")).toBeVisible();
  await expect(page.getByTestId("execution-status")).not.toHaveText("RUNNING", { timeout: 30_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  const started = (await (await page.request.get(`/api/executions/${encodeURIComponent(id)}`)).json()) as {
    execution: { input: string; stateMachineName: string; source: string };
  };
  expect(JSON.parse(started.execution.input).orderId).toBe("ord-e2e-again");
  expect(started.execution).toMatchObject({ stateMachineName: "OrderFulfillment", source: "local" });
});
