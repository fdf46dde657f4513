// Builds a fresh e2e store before the server starts (Playwright starts webServer before
// globalSetup, so this runs as part of the webServer command): the demo data from the local
// engine, plus the repository's recorded AWS histories (E2E_HISTORIES, which playwright.config.ts
// sets from testing/corpus.ts).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const histories = process.env.E2E_HISTORIES;
if (!histories) throw new Error("e2e/prepare-store.mjs: E2E_HISTORIES is not set (playwright.config.ts sets it)");
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = path.join(root, "data", "e2e.db");
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
const env = { ...process.env, DATABASE_URL: `file:${file}` };
const cli = (...args) =>
  execFileSync(process.execPath, ["bin/statelens.mjs", ...args], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
cli("demo", "--count", "200");
cli("import", histories, "--json");
