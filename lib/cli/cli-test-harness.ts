import { Command } from "commander";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { disconnectDb } from "./context";

/** Runs CLI commands in-process against a temp SQLite database, capturing what they print. */
export class CliHarness {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), "statelens-cli-"));
  readonly databaseUrl = `file:${path.join(this.dir, "cli.db")}`;
  private readonly previousUrl = process.env.DATABASE_URL;

  constructor(private readonly register: ((program: Command) => void)[]) {
    process.env.DATABASE_URL = this.databaseUrl;
  }

  /** `args` after the program name; returns stdout and stderr text and the exit code set. */
  async run(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const program = new Command("statelens").exitOverride();
    for (const register of this.register) register(program);
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ") + "\n"));
    const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ") + "\n"));
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
    process.exitCode = 0;
    try {
      await program.parseAsync(["node", "statelens", ...args]);
    } finally {
      log.mockRestore();
      error.mockRestore();
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const exitCode = Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { stdout: out.join(""), stderr: err.join(""), exitCode };
  }

  async close(): Promise<void> {
    await disconnectDb();
    if (this.previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = this.previousUrl;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
