import * as sdk from "@aws-sdk/client-sfn";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SUPPORTED_TARGETS } from "./index";

/** The README's operations table: name -> supported? */
function readmeTable(): Map<string, boolean> {
  const text = readFileSync(join(__dirname, "README.md"), "utf8");
  const rows = [...text.matchAll(/^\| ([A-Z][A-Za-z]+) \| (supported|unsupported) \|/gm)];
  return new Map(rows.map((m) => [m[1], m[2] === "supported"]));
}

/** Every operation of the Step Functions API, as the AWS SDK names its commands. */
function sdkOperations(): string[] {
  return Object.keys(sdk)
    .filter((name) => /^[A-Z]\w+Command$/.test(name))
    .map((name) => name.slice(0, -"Command".length))
    .sort();
}

describe("lib/sfn-api/README.md operations table", () => {
  it("lists every Step Functions API operation once, supported exactly when the service answers it", () => {
    const table = readmeTable();
    const operations = sdkOperations();
    expect(operations.length).toBeGreaterThanOrEqual(37);
    expect([...table.keys()].sort()).toEqual(operations);
    const served = new Set(SUPPORTED_TARGETS.filter((t) => t.startsWith("AWSStepFunctions.")).map((t) => t.split(".")[1]));
    for (const [operation, supported] of table) expect([operation, served.has(operation)]).toEqual([operation, supported]);
  });
});
