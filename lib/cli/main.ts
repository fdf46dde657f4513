import { Command, CommanderError } from "commander";
import { registerConformance } from "./commands/conformance";
import { registerDemo } from "./commands/demo";
import { registerExport } from "./commands/export";
import { registerImport } from "./commands/import";
import { registerIngest } from "./commands/ingest";
import { registerPrune } from "./commands/prune";
import { registerSfnLocal } from "./commands/sfn-local";
import { registerUser } from "./commands/user";
import { registerMigrate } from "./commands/migrate";
import { registerReplay } from "./commands/replay";
import { registerRun } from "./commands/run";
import { registerServe } from "./commands/serve";
import { printable } from "../text/printable";

export function buildProgram(): Command {
  const program = new Command("statelens")
    .description("Step Functions execution observability and replay: store, show and replay execution histories")
    .showHelpAfterError()
    .exitOverride();
  registerMigrate(program);
  registerRun(program);
  registerImport(program);
  registerDemo(program);
  registerIngest(program);
  registerExport(program);
  registerPrune(program);
  registerSfnLocal(program);
  registerConformance(program);
  registerReplay(program);
  registerUser(program);
  registerServe(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    console.error(`statelens: ${printable((err as Error).message)}`);
    if (process.env.STATELENS_DEBUG) console.error(err);
    process.exitCode = 1;
  } finally {
    const { disconnectDb } = await import("./context");
    await disconnectDb();
  }
}
