import { expect, test } from "@playwright/test";
import { hashOf } from "../lib/examples/hash";

/** An order id the example payment handler accepts on the first attempt. */
function payableOrderId(): string {
  for (let i = 0; ; i++) if (hashOf(`fixed-${i}pay`) % 10 !== 0 && hashOf(`fixed-${i}pay`) % 3 !== 0) return `fixed-${i}`;
}

test("replay a failed order from the state before the failure with a fixed input, then compare", async ({ page }) => {
  // An EcommerceOrder whose ProcessPayment kept timing out.
  await page.goto("/executions?status=FAILED&q=PaymentGatewayTimeout");
  await page.getByTestId("execution-row").first().getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-detail")).toBeVisible();
  const originalUrl = page.url();

  // The panel opens on demand: its checkpoint list is not built with the page.
  const panel = page.getByTestId("replay-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("replay-checkpoint")).toHaveCount(0);
  await panel.getByTestId("replay-toggle").click();
  const checkpoint = panel.getByTestId("replay-checkpoint");
  await expect(checkpoint.locator("option:checked")).toContainText("ProcessPayment");
  await expect(panel.getByTestId("replay-missing")).toHaveValue("examples");

  const input = panel.getByTestId("replay-input");
  const recorded = JSON.parse(await input.inputValue()) as Record<string, unknown>;
  expect(recorded.inventory).toMatchObject({ status: "IN_STOCK" });

  // Retried attempts are checkpoints too: picking one shows the input that attempt works on.
  const retried = checkpoint.locator("option", { hasText: "ProcessPayment (attempt 2)" });
  await expect(retried).toHaveCount(1);
  await checkpoint.selectOption({ label: (await retried.textContent())! });
  expect(JSON.parse(await input.inputValue())).toEqual(recorded);
  await checkpoint.selectOption({ label: (await checkpoint.locator("option", { hasText: /ProcessPayment · Task$/ }).textContent())! });
  await expect(checkpoint.locator("option:checked")).toContainText("ProcessPayment · Task");

  // The filter narrows the list and keeps the current pick.
  const all = await checkpoint.locator("option").count();
  await panel.getByTestId("replay-checkpoint-filter").fill("payment (attempt 2)");
  await expect(checkpoint.locator("option")).toHaveText([/ProcessPayment · Task$/, /ProcessPayment \(attempt 2\)/]);
  await expect(panel.getByTestId("replay-checkpoint-count")).toHaveText(`2 of ${all} checkpoints`);
  await panel.getByTestId("replay-checkpoint-filter").fill("");
  await expect(checkpoint.locator("option")).toHaveCount(all);

  // Invalid JSON is refused before anything is sent.
  await input.fill('{"orderId": ');
  await expect(panel.getByTestId("replay-input-error")).toContainText("Not valid JSON");
  await expect(panel.getByTestId("replay-submit")).toBeDisabled();

  await input.fill(JSON.stringify({ ...recorded, orderId: payableOrderId() }, null, 2));
  await expect(panel.getByTestId("replay-input-error")).toHaveCount(0);
  await panel.screenshot({ path: "test-results/replay-panel.png" });
  await panel.getByTestId("replay-submit").click();

  await expect(page).toHaveURL(/\/compare\?a=.+&b=.+/);
  const view = page.getByTestId("compare-view");
  await expect(view.getByTestId("compare-a-status")).toContainText(/failed/i);
  await expect(view.getByTestId("compare-b-status")).toContainText(/succeeded/i);
  await expect(view.getByTestId("first-divergence")).toContainText("ProcessPayment");
  await expect(view.getByTestId("divergence-diff")).toContainText("orderId");
  const changed = view.getByTestId("changed-state").filter({ hasText: "ProcessPayment" });
  await expect(changed).toBeVisible();
  await expect(changed.getByTestId("changed-state-error")).toContainText("PaymentGatewayTimeout");
  await expect(view.getByTestId("only-in-b")).toContainText("CreateShippingLabel");
  await expect(view.getByTestId("graph-b").getByTestId("graph-node-CreateShippingLabel")).toBeVisible();
  await expect(view.getByTestId("timing-table")).toContainText("ProcessPayment");
  await page.screenshot({ path: "test-results/replay-compare.png", fullPage: true });

  // The replay is a stored execution linked to its original.
  await view.getByTestId("compare-b").getByRole("link").click();
  await expect(page.getByTestId("execution-status")).toContainText(/succeeded/i);
  await expect(page.getByTestId("execution-detail")).toContainText("Replay of");
  await expect(page.getByTestId("execution-detail")).toContainText("from ProcessPayment (event");
  expect(page.url()).not.toBe(originalUrl);
});
