import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { optionalBench } from "./optional-bench";
import { REPO_ROOT } from "./run-child";

describe("optionalBench", () => {
  const dir = mkdtempSync(path.join(REPO_ROOT, "bench/.tmp-optional-"));
  const rel = (name: string) => path.relative(REPO_ROOT, path.join(dir, name));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports a missing module", () => {
    expect(optionalBench(rel("nope.bench.ts"))).toEqual({ present: false, reason: `${rel("nope.bench.ts")} not present` });
  });

  it("accepts the export forms of run and refuses a module without it", () => {
    const cases: [string, boolean][] = [
      ["export async function run() {}", true],
      ["export function run(options) {}", true],
      ["export const run = async () => ({});", true],
      ["async function run() {}\nexport { run };", true],
      ["export function runner() {}", false],
    ];
    cases.forEach(([text, expected], i) => {
      writeFileSync(path.join(dir, `m${i}.bench.ts`), text);
      expect(optionalBench(rel(`m${i}.bench.ts`)).present).toBe(expected);
    });
  });
});
