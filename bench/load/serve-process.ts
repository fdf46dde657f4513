import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ServeHandle {
  child: ChildProcess;
  url: string;
  /** SIGTERM (or `signal`) to `statelens serve` and the Next.js server it started (one process group). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `statelens serve` on 127.0.0.1 in its own process group, for a database URL, and waits
 * until /executions answers 200 (or gives up after `timeoutMs`, killing what it started).
 */
export async function startServe(options: {
  port: number;
  databaseUrl: string;
  demo?: boolean;
  rebuild?: boolean;
  timeoutMs?: number;
  env?: Record<string, string>;
}): Promise<ServeHandle> {
  const args = ["bin/statelens.mjs", "serve", "--host", "127.0.0.1", "--port", String(options.port)];
  if (options.demo) args.push("--demo");
  if (options.rebuild) args.push("--rebuild");
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const handle: ServeHandle = {
    child,
    url,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* already gone */
        }
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      // The Next.js child shares the group: make sure it is gone too.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`statelens serve exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/executions`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return handle;
    await new Promise((r) => setTimeout(r, 300));
  }
  await handle.stop("SIGKILL");
  throw new Error(`statelens serve did not answer within ${options.timeoutMs ?? 300_000} ms: ${stderr}`);
}
