import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * A fresh e2e store: the demo data from the local engine, plus real AWS histories from
 * ../shared/histories when that folder is present.
 */
export default function globalSetup() {
  const root = path.resolve(import.meta.dirname, "..");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(root, "data", `e2e.db${suffix}`), { force: true });
  const env = { ...process.env, DATABASE_URL: "file:data/e2e.db" };
  const cli = (...args: string[]) => execFileSync(process.execPath, ["bin/statelens.mjs", ...args], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  cli("demo", "--count", "200");
  const histories = path.join(root, "..", "shared", "histories");
  if (existsSync(histories)) cli("import", histories, "--json");
  else console.log("e2e: ../shared/histories is absent; AWS-history pages are tested on demo data only");
}
