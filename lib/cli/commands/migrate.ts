import type { Command } from "commander";
import { resolveDatabaseUrl } from "../../db/database-url";
import { migrate } from "../../db/migrate";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations (SQLite file or PostgreSQL from DATABASE_URL)")
    .action(async () => {
      const target = resolveDatabaseUrl();
      const result = await migrate(target);
      const where = target.kind === "sqlite" ? target.location : "PostgreSQL";
      console.log(result.applied.length ? `applied ${result.applied.join(", ")} to ${where}` : `${where} is up to date (${result.alreadyApplied.length} migrations)`);
    });
}
