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

  // The events that carry the error: the failing state's event and ExecutionFailed.
  const table = page.getByTestId("event-table");
  await table.getByTestId("event-filter-text").fill(error!);
  const failedRows = table.locator('[data-testid^="event-row-"]');
  await expect(failedRows.first()).toBeVisible();
  const texts = await failedRows.allInnerTexts();
  expect(texts.some((t) => t.includes("ExecutionFailed") && t.includes(error!))).toBe(true);
  // the root cause state (selected on the graph when the page opens: the card declined, or the label
  // printer timing out before the Catch sent the order to its compensation and OrderFailed) has its rows in the table
  const failedState = await page.getByTestId("state-machine-graph").getAttribute("data-selected");
  expect(failedState).toMatch(/^(ChargeCard|PrintShippingLabel)$/);
  await expect(page.getByTestId("root-cause-state")).toHaveText(failedState!);
  await table.getByTestId("event-filter-text").fill("");
  await table.getByTestId("event-filter-state").selectOption(failedState!);
  await expect(failedRows.first()).toContainText(failedState!);
});

test("payloads are shown as text, never as HTML", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto("/executions?q=%3Cscript%3E");
  const row = page.getByTestId("execution-row").first();
  await expect(row).toBeVisible();
  await row.getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-input")).toContainText("<script>");
  expect(await page.locator("main script").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test("filters live in the URL and an invalid filter says what is wrong", async ({ page }) => {
  await page.goto("/executions?status=SUCCEEDED&source=local");
  await expect(page.getByTestId("filter-status")).toHaveValue("SUCCEEDED");
  await expect(page.getByTestId("execution-row").first()).toHaveAttribute("data-status", "SUCCEEDED");
  await page.goto("/executions?status=NOPE");
  await expect(page.getByTestId("filter-error")).toContainText('status: unknown value "NOPE"');
});

test("pick two executions in the list and compare them", async ({ page }) => {
  await page.goto("/executions?status=FAILED");
  const picks = page.getByTestId("compare-pick");
  await picks.nth(0).check();
  await picks.nth(1).check();
  await page.getByTestId("compare-selected").click();
  await expect(page).toHaveURL(/\/compare\?a=.+&b=.+/);
  await expect(page.getByRole("heading", { name: "Compare executions" })).toBeVisible();
});

test("compare sits above the table, names the two executions and warns across state machines", async ({ page }) => {
  await page.goto("/executions");
  const rows = page.getByTestId("execution-row");
  await expect(rows.first()).toBeVisible();
  const machines = await rows.evaluateAll((els) => els.map((e) => e.querySelectorAll("td")[3]?.textContent?.replace(/ v\d+$/, "") ?? ""));
  const first = 0;
  const other = machines.findIndex((m) => m !== machines[0]);
  expect(other).toBeGreaterThan(0);
  await rows.nth(first).getByTestId("compare-pick").check();
  await rows.nth(other).getByTestId("compare-pick").check();
  const bar = page.getByTestId("compare-bar");
  const [barBox, tableBox] = [await bar.boundingBox(), await page.getByTestId("execution-table").boundingBox()];
  expect(barBox!.y).toBeLessThan(tableBox!.y);
  const names = await Promise.all([first, other].map((i) => rows.nth(i).getByTestId("execution-link").innerText()));
  await expect(page.getByTestId("compare-selected")).toHaveText(`Compare ${names[0]} with ${names[1]}`);
  await expect(page.getByTestId("compare-warning")).toContainText("Different state machines");
});

test("a multi-status URL shows its statuses and Apply keeps them", async ({ page }) => {
  await page.goto("/executions?status=FAILED,TIMED_OUT");
  await expect(page.getByTestId("filter-status")).toHaveValue("FAILED,TIMED_OUT");
  await page.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(/status=FAILED%2CTIMED_OUT|status=FAILED,TIMED_OUT/);
  for (const status of await page.getByTestId("execution-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-status")))) {
    expect(["FAILED", "TIMED_OUT"]).toContain(status);
  }
  await page.goto("/executions?status=ABORTED,RUNNING");
  await expect(page.getByTestId("filter-status")).toHaveValue("ABORTED,RUNNING");
});

test("status badges and column headers stay on one line in a narrow window", async ({ page }) => {
  await page.setViewportSize({ width: 700, height: 900 });
  await page.goto("/executions");
  await expect(page.getByTestId("execution-row").first()).toBeVisible();
  for (const el of [page.locator(".badge").first(), page.getByRole("columnheader", { name: "Duration" })]) {
    // one client rect per line box of the element's text
    const lines = await el.evaluate((node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBeLessThanOrEqual(1);
  }
});
