import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRY = path.join(REPO_ROOT, "bench/support/child-entry.ts");

/**
 * Runs `run(options)` of a bench module (path relative to the repo) in a fresh Node process with
 * --expose-gc and TypeScript through tsx, so each benchmark starts on a clean heap and its memory
 * can be measured alone. Progress output streams through; the result comes back as JSON.
 */
export async function runInChild<T>(modulePath: string, options: unknown = {}, exportName = "run"): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-bench-"));
  const resultFile = path.join(dir, "result.json");
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--expose-gc", "--max-old-space-size=4096", "--import", "tsx", ENTRY, modulePath, exportName, JSON.stringify(options)],
        { cwd: REPO_ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, BENCH_RESULT_FILE: resultFile } },
      );
      child.on("error", reject);
      child.on("exit", (exitCode, signal) => resolve(signal ? -1 : exitCode));
    });
    if (code !== 0) throw new Error(`bench child ${modulePath}#${exportName} exited with ${code}`);
    return JSON.parse(readFileSync(resultFile, "utf8")) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
