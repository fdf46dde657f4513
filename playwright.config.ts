import { chromium, defineConfig } from "@playwright/test";
import { HISTORIES_DIR } from "./testing/corpus";
import { BrowserNotFoundError, findBrowser, type FoundBrowser } from "./testing/find-browser";

/** The Chromium to drive (testing/find-browser.ts); without one, stop before building anything. */
function browser(): FoundBrowser {
  try {
    return findBrowser({ chromiumPath: process.env.CHROMIUM_PATH, playwrightPath: () => chromium.executablePath() });
  } catch (error) {
    if (!(error instanceof BrowserNotFoundError)) throw error;
    console.error(`test:e2e: ${error.message}`);
    process.exit(1);
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3210);
const E2E_DATABASE = "file:data/e2e.db";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: browser().path,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    viewport: { width: 1400, height: 900 },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: `node e2e/prepare-store.mjs && node bin/statelens.mjs serve --rebuild --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/executions`,
    timeout: 480_000,
    reuseExistingServer: false,
    env: { DATABASE_URL: E2E_DATABASE, E2E_HISTORIES: HISTORIES_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdout: "ignore",
    stderr: "pipe",
  },
});
