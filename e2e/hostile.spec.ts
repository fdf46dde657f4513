import { expect, test } from "@playwright/test";

// Pages and API routes asked for what is not stored, or with ids that do not decode: HTTP 404,
// never a 200 page saying "not found" nor a 500.
test("missing executions, comparisons and state machines are HTTP 404", async ({ request, page }) => {
  for (const path of [
    "/executions/no-such-execution",
    "/executions/%25",
    "/executions/%E0%A4%A",
    "/executions/arn%3Aaws%3Astates%3Aus-east-1%3A1%3Aexecution%3Am%3Anope",
    "/compare?a=nope&b=nope2",
    "/state-machines/nope",
  ]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
  }
  for (const path of ["/api/executions/%25", "/api/executions/%E0%A4%A", "/api/executions/nope", "/api/executions/%25/events"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect((await response.json()).error).toMatch(/not found$/);
  }
  const shown = await page.goto("/executions/no-such-execution");
  expect(shown?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
});

test("an existing execution page still answers 200 and shows the execution", async ({ page }) => {
  await page.goto("/executions");
  const href = await page.getByTestId("execution-link").first().getAttribute("href");
  const response = await page.goto(href!);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("execution-status")).toBeVisible();
});
