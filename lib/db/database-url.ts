import path from "node:path";

export type DatabaseKind = "sqlite" | "postgresql";

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** sqlite: absolute file path (or ":memory:"); postgresql: the connection string */
  location: string;
  url: string;
  /** postgresql: the schema named by `?schema=` (Prisma's convention), default public */
  schema?: string;
}

/**
 * Reads DATABASE_URL: `file:path` (relative to the working directory) selects SQLite,
 * `postgresql://` or `postgres://` selects PostgreSQL. The default is `file:data/statelens.db`.
 */
export function resolveDatabaseUrl(url: string | undefined = process.env.DATABASE_URL, cwd = process.cwd()): DatabaseTarget {
  const value = (url ?? "").trim() || "file:data/statelens.db";
  if (/^postgres(ql)?:\/\//i.test(value)) {
    const parsed = new URL(value);
    const schema = parsed.searchParams.get("schema") ?? "public";
    parsed.searchParams.delete("schema");
    return { kind: "postgresql", location: parsed.toString(), url: value, schema };
  }
  if (value.startsWith("file:")) {
    const raw = value.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    const location = raw === ":memory:" ? raw : path.resolve(cwd, raw);
    return { kind: "sqlite", location, url: `file:${location}` };
  }
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${value.split(":")[0]}:..."`);
}
