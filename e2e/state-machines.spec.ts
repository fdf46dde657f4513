import { expect, test } from "@playwright/test";

test("over time: which state retries most and since which version", async ({ page }) => {
  await page.goto("/state-machines");
  await page.getByTestId("state-machine-table").getByRole("link", { name: "OrderFulfillment" }).click();
  await expect(page.getByTestId("state-machine-over-time")).toBeVisible();
  await expect(page.getByTestId("chart-executions").locator(".recharts-wrapper")).toBeVisible();
  const flakiest = page.getByTestId("flakiest-states").locator("tbody tr").first();
  await expect(flakiest).toContainText("PrintShippingLabel");
  await expect(page.getByTestId("retries-rose-PrintShippingLabel")).toHaveText("v2");
  await page.getByTestId("flakiest-states").getByRole("button", { name: "PrintShippingLabel" }).click();
  await expect(page.getByTestId("selected-state")).toHaveText("PrintShippingLabel");
});
