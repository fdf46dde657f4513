// Builds a fresh e2e store before the server starts (Playwright starts webServer before
// globalSetup, so this runs as part of the webServer command): the demo data from the local
// engine, plus real AWS histories from ../shared/histories when that folder is present.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = path.join(root, "data", "e2e.db");
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
const env = { ...process.env, DATABASE_URL: `file:${file}` };
const cli = (...args) => execFileSync(process.execPath, ["bin/statelens.mjs", ...args], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
cli("demo", "--count", "200");
const histories = path.join(root, "..", "shared", "histories");
if (existsSync(histories)) cli("import", histories, "--json");
else console.log("e2e: ../shared/histories is absent; imported-history pages are tested on demo data only");
