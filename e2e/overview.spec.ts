import { expect, test } from "@playwright/test";

test("the home page is the overview: per state machine figures with changes, top failure groups, running (screenshot check)", async ({
  page,
}) => {
  await page.goto("/?range=90d");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  const machines = page.getByTestId("overview-machine");
  expect(await machines.count()).toBeGreaterThan(1);
  for (const rate of await page.getByTestId("overview-failure-rate").allInnerTexts()) expect(rate).toMatch(/^(\d+\.\d%|–)$/);
  for (const p95 of await page.getByTestId("overview-p95").allInnerTexts()) expect(p95).toMatch(/ms|s|m|h|d|–/);
  await expect(page.getByTestId("overview-failure-delta").first()).toHaveText(/pp|–/);
  await expect(page.getByTestId("overview-group").first()).toBeVisible();
  expect(await page.getByTestId("overview-group").count()).toBeLessThanOrEqual(5);
  // the demo plus the imported corpus is hundreds of machines: the busiest 15, and a link to all
  expect(await machines.count()).toBe(15);
  await expect(page.getByTestId("overview-all-machines")).toBeVisible();
  await page.screenshot({ path: "test-results/overview.png", fullPage: true });
  await page.getByTestId("overview-all-machines").click();
  await expect(page).toHaveURL(/all=1/);
  expect(await page.getByTestId("overview-machine").count()).toBeGreaterThan(15);
  await page.goto("/?range=90d");

  // a machine's failure rate opens its failure groups for the same range
  await page.getByTestId("overview-failure-rate").first().click();
  await expect(page).toHaveURL(/\/failures\?stateMachine=.+&range=90d/);
  await expect(page.getByTestId("failures-page")).toBeVisible();
});

test("the default range is the last 7 days, and the nav leads to Overview, Executions and Failures", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("overview-range")).toHaveValue("7d");
  const nav = page.locator(".topbar nav");
  await nav.getByRole("link", { name: "Failures" }).click();
  await expect(page.getByTestId("failures-page")).toBeVisible();
  await nav.getByRole("link", { name: "Executions" }).click();
  await expect(page.getByTestId("execution-row").first()).toBeVisible();
  await nav.getByRole("link", { name: "Overview" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("overview-page")).toBeVisible();
});
