import { expect, test, type Page } from "@playwright/test";

async function openMachine(page: Page, machine: string) {
  await page.goto("/executions");
  await page.getByTestId("filter-machine").selectOption({ label: machine });
  await page.getByTestId("apply-filters").click();
  await page.getByTestId("execution-row").first().getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-detail")).toBeVisible();
}

test("an inline Map's run page: status, item counts and each iteration (recorded AWS history, screenshot)", async ({ page }) => {
  await openMachine(page, "scenarios.test_base_scenarios.TestBaseScenarios.test_map_state_catch");
  await page.getByTestId("map-runs").getByTestId("map-run-link").first().click();
  const run = page.getByTestId("map-run");
  await expect(run).toBeVisible();
  await expect(page.getByTestId("map-run-mode")).toContainText("Inline");
  const iterations = page.getByTestId("map-run-iteration");
  expect(await iterations.count()).toBeGreaterThan(0);
  await expect(page.getByTestId("map-run-counts")).toBeVisible();
  await page.screenshot({ path: "test-results/map-run-inline.png", fullPage: true });
});

test("a distributed Map whose child executions were not ingested says so instead of counting 0/0/0", async ({ page }) => {
  await openMachine(
    page,
    "assign.test_assign_reference_variables.TestAssignReferenceVariables.test_reference_in_map_state_MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PAT-c45ea6",
  );
  const panel = page.getByTestId("map-runs");
  await expect(panel).toContainText("not ingested");
  await expect(panel.locator("td", { hasText: /^0$/ })).toHaveCount(0);
  await panel.getByTestId("map-run-link").first().click();
  await expect(page.getByTestId("map-run-mode")).toContainText("Distributed");
  await expect(page.getByTestId("map-run-not-ingested")).toBeVisible();
  await page.screenshot({ path: "test-results/map-run-distributed.png", fullPage: true });
});
