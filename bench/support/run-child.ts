import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const ENTRY = path.join(REPO_ROOT, "bench/support/child-entry.ts");

/**
 * Runs `node <args>` from the repository root with a temporary file for its JSON result (`spawnWith`
 * gets the file's path and puts it in the arguments or the environment). Returns the exit code
 * (-1 when killed by a signal) and the parsed file, or null when the process wrote none. Stderr
 * always streams through.
 */
export async function runForJsonResult<T>(
  spawnWith: (resultFile: string) => { args: string[]; env?: NodeJS.ProcessEnv },
  stdout: "inherit" | "ignore",
): Promise<{ code: number | null; result: T | null }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-bench-"));
  const resultFile = path.join(dir, "result.json");
  try {
    const { args, env } = spawnWith(resultFile);
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", stdout, "inherit"], env: env ?? process.env });
      child.on("error", reject);
      child.on("exit", (exitCode, signal) => resolve(signal ? -1 : exitCode));
    });
    const result = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, "utf8")) as T) : null;
    return { code, result };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `run(options)` of a bench module (path relative to the repo) in a fresh Node process with
 * --expose-gc and TypeScript through tsx, so each benchmark starts on a clean heap and its memory
 * can be measured alone. Progress output streams through; the result comes back as JSON.
 */
export async function runInChild<T>(modulePath: string, options: unknown = {}, exportName = "run"): Promise<T> {
  const { code, result } = await runForJsonResult<T>(
    (resultFile) => ({
      args: ["--expose-gc", "--max-old-space-size=4096", "--import", "tsx", ENTRY, modulePath, exportName, JSON.stringify(options)],
      env: { ...process.env, BENCH_RESULT_FILE: resultFile },
    }),
    "inherit",
  );
  if (code !== 0 || result === null) throw new Error(`bench child ${modulePath}#${exportName} exited with ${code}`);
  return result;
}
