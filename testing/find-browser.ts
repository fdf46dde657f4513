/**
 * Which Chromium the Playwright end-to-end tests drive, looked for in this order:
 * `CHROMIUM_PATH`, Playwright's own downloaded browser (`npx playwright install chromium`),
 * Debian's /usr/bin/chromium, Ubuntu's /usr/bin/chromium-browser, then Google Chrome.
 * When none is there, the error says exactly what to run.
 */
import { existsSync } from "node:fs";

export const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/opt/google/chrome/chrome",
] as const;

export interface BrowserSearch {
  /** CHROMIUM_PATH, when set */
  chromiumPath?: string;
  /** where Playwright keeps its own Chromium (`chromium.executablePath()`), installed or not */
  playwrightPath?: () => string | undefined;
  exists?: (file: string) => boolean;
}

export interface FoundBrowser {
  path: string;
  source: "CHROMIUM_PATH" | "playwright" | "system";
}

export class BrowserNotFoundError extends Error {
  override name = "BrowserNotFoundError";
}

export function findBrowser({ chromiumPath, playwrightPath, exists = existsSync }: BrowserSearch): FoundBrowser {
  if (chromiumPath) {
    if (exists(chromiumPath)) return { path: chromiumPath, source: "CHROMIUM_PATH" };
    throw new BrowserNotFoundError(
      `CHROMIUM_PATH=${chromiumPath} does not exist: point it at a Chromium or Chrome executable, or unset it to search ${SYSTEM_BROWSERS.join(", ")}`,
    );
  }
  let own: string | undefined;
  try {
    own = playwrightPath?.();
  } catch {
    own = undefined; // Playwright has no build for this platform
  }
  if (own && exists(own)) return { path: own, source: "playwright" };
  const system = SYSTEM_BROWSERS.find((file) => exists(file));
  if (system) return { path: system, source: "system" };
  const tried = [...(own ? [own] : []), ...SYSTEM_BROWSERS].join(", ");
  throw new BrowserNotFoundError(
    [
      `No Chromium for the end-to-end tests (looked at CHROMIUM_PATH, ${tried}).`,
      "Install one, then run npm test again:",
      "  npx playwright install chromium        (Playwright's own build, any Linux/macOS/Windows; add --with-deps as root for its system libraries)",
      "  apt-get install chromium               (Debian, as root; Ubuntu: snap install chromium)",
      "or point CHROMIUM_PATH at a Chromium or Chrome you have.",
    ].join("\n"),
  );
}
