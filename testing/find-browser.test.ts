import { describe, expect, it } from "vitest";
import { BrowserNotFoundError, findBrowser } from "./find-browser";

const OWN = "/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome";
const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe("findBrowser", () => {
  it("takes CHROMIUM_PATH first, and refuses one that does not exist instead of looking elsewhere", () => {
    expect(findBrowser({ chromiumPath: "/opt/c/chrome", playwrightPath: () => OWN, exists: only("/opt/c/chrome", OWN) })).toEqual({
      path: "/opt/c/chrome",
      source: "CHROMIUM_PATH",
    });
    expect(() => findBrowser({ chromiumPath: "/nope", playwrightPath: () => OWN, exists: only(OWN) })).toThrow(
      /CHROMIUM_PATH=\/nope does not exist/,
    );
  });

  it("then Playwright's own browser, then /usr/bin/chromium, /usr/bin/chromium-browser, Google Chrome", () => {
    const all = only(OWN, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    expect(findBrowser({ playwrightPath: () => OWN, exists: all })).toEqual({ path: OWN, source: "playwright" });
    expect(findBrowser({ playwrightPath: () => OWN, exists: only("/usr/bin/chromium", "/usr/bin/chromium-browser") }).path).toBe(
      "/usr/bin/chromium",
    );
    expect(findBrowser({ playwrightPath: () => OWN, exists: only("/usr/bin/chromium-browser", "/usr/bin/google-chrome") }).path).toBe(
      "/usr/bin/chromium-browser",
    );
    expect(findBrowser({ playwrightPath: () => OWN, exists: only("/usr/bin/google-chrome") })).toEqual({
      path: "/usr/bin/google-chrome",
      source: "system",
    });
    // Playwright without a build for this platform throws; the system browsers still count
    expect(
      findBrowser({
        playwrightPath: () => {
          throw new Error("unsupported platform");
        },
        exists: only("/usr/bin/chromium"),
      }).path,
    ).toBe("/usr/bin/chromium");
  });

  it("with none, fails saying exactly what to run", () => {
    let error: unknown;
    try {
      findBrowser({ playwrightPath: () => OWN, exists: () => false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BrowserNotFoundError);
    const message = (error as Error).message;
    expect(message).toContain(OWN);
    expect(message).toContain("/usr/bin/chromium");
    expect(message).toMatch(/^ {2}npx playwright install chromium/m);
    expect(message).toMatch(/^ {2}apt-get install chromium/m);
    expect(message).toContain("CHROMIUM_PATH");
  });
});
