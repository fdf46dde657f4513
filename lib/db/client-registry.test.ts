import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { resolveDatabaseUrl } from "./database-url";

describe("the client registry", () => {
  it("knows a client made by another copy of lib/db/client.ts (Next.js bundles one per route)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-registry-"));
    const made = await import("./client");
    vi.resetModules();
    const other = await import("./client");
    expect(other).not.toBe(made);
    const client = made.createDb(resolveDatabaseUrl(`file:${path.join(dir, "r.db")}`));
    try {
      // the server's saves found no writer for the process-wide client: "a SQLite client not made by createDb"
      expect(await other.sqliteWriterOf(client)).not.toBeNull();
      expect(other.pgPoolOf(client)).toBeNull();
    } finally {
      await client.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
