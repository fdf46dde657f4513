import { defineConfig } from "prisma/config";

// Used by the Prisma CLI only (generate, and migrate deploy where the schema engine exists).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/statelens.db" },
});
