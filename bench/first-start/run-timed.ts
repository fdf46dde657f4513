import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { TimedLine } from "./start-timeline";

export interface TimedProcess {
  child: ChildProcess;
  lines: TimedLine[];
  startedAt: number;
  exited: Promise<number | null>;
  /** SIGTERM to the whole process group (serve and the Next.js server it started), SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` in `cwd` in its own process group and records every line of its stdout
 * and stderr with the time since the start. `echo` prefixes and forwards them to our stderr.
 */
export function startTimed(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, echo?: string): TimedProcess {
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const lines: TimedLine[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on("line", (text) => {
      lines.push({ ms: performance.now() - startedAt, text });
      if (echo !== undefined) process.stderr.write(`    ${echo}${text}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ? -1 : code)));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  return {
    child,
    lines,
    startedAt,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      // the group may outlive its leader (the Next.js server): make sure nothing is left listening
      signal("SIGKILL");
    },
  };
}
