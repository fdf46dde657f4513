import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFORMANCE_DIR, HISTORIES_DIR, TEST_DATA_DIR } from "./corpus";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE_DIRS = ["app", "bench", "bin", "components", "e2e", "lib", "prisma", "scripts", "testing"];
const ROOT_FILES = ["playwright.config.ts", "vitest.config.ts", "vitest.setup.ts", "next.config.ts", "prisma.config.ts", "proxy.ts"];

/** Every source file the repository runs or tests (generated clients left out). */
function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "generated") sourceFiles(full, out);
    } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name)) out.push(full);
  }
  return out;
}

describe("the repository's test corpus", () => {
  it("is inside the repository, with its NOTICE", () => {
    expect(path.relative(REPO_ROOT, TEST_DATA_DIR)).toBe("test-data");
    expect(readFileSync(path.join(TEST_DATA_DIR, "NOTICE"), "utf8")).toMatch(/LocalStack[\s\S]*Apache License, Version 2\.0/);
  });

  it("holds the 867 recorded cases and the 505 exported histories with their definitions", () => {
    const cases = ["pure", "service"].flatMap((kind) => readdirSync(path.join(CONFORMANCE_DIR, kind)).filter((f) => f.endsWith(".json")));
    expect(cases).toHaveLength(867);
    const histories = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith(".history.json"));
    expect(histories).toHaveLength(505);
    for (const file of histories)
      expect(existsSync(path.join(HISTORIES_DIR, file.replace(/\.history\.json$/, ".definition.json"))), file).toBe(true);
  });

  it("is the only corpus: no source file reads a folder beside the repository", () => {
    const files = [
      ...SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(REPO_ROOT, d))),
      ...ROOT_FILES.map((f) => path.join(REPO_ROOT, f)).filter((f) => existsSync(f) && statSync(f).isFile()),
    ];
    expect(files.length).toBeGreaterThan(100);
    // a relative path up to a sibling "shared" folder (the old corpus beside the repository), written either way
    const outside = /\.\.\/+shared\b|["']\.\.["']\s*,\s*["']shared["']/;
    const offenders = files
      .filter((f) => f !== import.meta.filename && outside.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(REPO_ROOT, f));
    expect(offenders).toEqual([]);
  });
});
