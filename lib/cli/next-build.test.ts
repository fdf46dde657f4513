import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { nextBuild } from "./next-build";

const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-next-build-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for next/dist/bin/next: a line, a long silence, a line, then `code`. */
function fakeNext(code: number): string {
  const file = path.join(dir, `next-${code}.mjs`);
  writeFileSync(
    file,
    `console.log("  Creating an optimized production build ...");
setTimeout(() => { console.log("✓ Compiled successfully in 1s"); process.exitCode = ${code}; }, 1200);`,
  );
  return file;
}

describe("nextBuild", () => {
  it("passes the build's lines through and fills its silences with progress lines", async () => {
    const out: string[] = [];
    await nextBuild({ nextBin: fakeNext(0), cwd: dir, env: process.env, out: (t) => out.push(t), err: (t) => out.push(t), quietMs: 300 });
    const still = (t: string) => t.startsWith("statelens: still building the dashboard");
    expect(out.filter((t) => !still(t))).toEqual(["  Creating an optimized production build ...", "✓ Compiled successfully in 1s"]);
    const between = out.slice(out.indexOf("  Creating an optimized production build ..."), -1);
    expect(between.filter(still).length).toBeGreaterThanOrEqual(2);
    expect(between.filter(still).every((t) => t.endsWith("so far; compiling)"))).toBe(true);
  });

  it("rejects when the build fails", async () => {
    await expect(
      nextBuild({ nextBin: fakeNext(1), cwd: dir, env: process.env, out: () => {}, err: () => {}, quietMs: 300 }),
    ).rejects.toThrow("next build failed");
  });
});
