import { expect, test } from "@playwright/test";

test("list -> filter FAILED -> open one -> the failed state and its error are in the event table", async ({ page }) => {
  await page.goto("/executions");
  await expect(page.getByTestId("execution-row").first()).toBeVisible();
  await page.getByTestId("filter-status").selectOption("FAILED");
  await page.getByTestId("filter-machine").selectOption({ label: "OrderFulfillment" });
  await page.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(/status=FAILED/);
  const rows = page.getByTestId("execution-row");
  await expect(rows.first()).toBeVisible();
  for (const status of await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))) expect(status).toBe("FAILED");

  await rows.first().getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-status")).toHaveText("FAILED");
  const error = (await page.getByTestId("execution-error").locator("strong").textContent())?.trim();
  expect(error).toBeTruthy();
  const table = page.getByTestId("event-table");
  // The event that failed the execution names the error; the state it failed in is in the table too.
  await expect(table.getByText(error!, { exact: true }).first()).toBeVisible();
  await expect(table.getByText(/^(ChargeCard|PrintShippingLabel|OrderFailed|RefundCard)$/).first()).toBeVisible();
});

test("payloads are shown as text, never as HTML", async ({ page }) => {
  const scripts: string[] = [];
  page.on("dialog", (d) => { scripts.push(d.message()); void d.dismiss(); });
  await page.goto("/executions?q=%3Cscript%3E");
  const row = page.getByTestId("execution-row").first();
  await expect(row).toBeVisible();
  await row.getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-input")).toContainText("<script>");
  expect(scripts).toEqual([]);
});
