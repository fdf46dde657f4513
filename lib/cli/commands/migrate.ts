import type { Command } from "commander";
import { disconnectDb, openDb } from "../context";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations (SQLite file or PostgreSQL from DATABASE_URL)")
    .action(async () => {
      const { target, migration: result } = await openDb();
      await disconnectDb();
      const where = target.kind === "sqlite" ? target.location : "PostgreSQL";
      console.log(
        result.applied.length
          ? `applied ${result.applied.join(", ")} to ${where}`
          : `${where} is up to date (${result.alreadyApplied.length} migrations)`,
      );
    });
}
