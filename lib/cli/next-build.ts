import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { buildProgress } from "./build-progress";

export interface NextBuildOptions {
  /** the Next.js command line script (`next/dist/bin/next`), or a stand-in in tests */
  nextBin: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** where lines go: the build's own, and "still building" ones (default: stdout / stderr) */
  out?: (text: string) => void;
  err?: (text: string) => void;
  quietMs?: number;
  /** aborting it stops the build (serve could not open the store) */
  signal?: AbortSignal;
}

/**
 * `next build`, its output passed through line by line and a "still building" line after every
 * stretch without output (buildProgress), so a first start never sits silent for minutes.
 * Resolves when the build succeeded; rejects when it failed.
 */
export async function nextBuild(options: NextBuildOptions): Promise<void> {
  const out = options.out ?? ((text: string) => process.stdout.write(`${text}\n`));
  const err = options.err ?? ((text: string) => process.stderr.write(`${text}\n`));
  // Piped, Next.js would drop its colours; keep them when our own output is a terminal.
  const colour = process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: "1" } : {};
  const child = spawn(process.execPath, [options.nextBin, "build"], {
    cwd: options.cwd,
    env: { ...options.env, ...colour },
    stdio: ["ignore", "pipe", "pipe"],
    signal: options.signal,
  });
  const progress = buildProgress(out, Date.now, options.quietMs);
  createInterface({ input: child.stdout }).on("line", (text) => {
    progress.line(text);
    out(text);
  });
  createInterface({ input: child.stderr }).on("line", (text) => {
    progress.line(text);
    err(text);
  });
  const timer = setInterval(() => progress.tick(), Math.min(1000, options.quietMs ?? 1000));
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (exitCode, signal) => resolve(signal ? -1 : exitCode));
    });
    if (code !== 0) throw new Error("next build failed");
  } finally {
    clearInterval(timer);
  }
}
