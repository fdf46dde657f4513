import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ecommerceOrder } from "../../examples/ecommerce-order";
import { hashOf } from "../../examples/hash";
import { CliHarness } from "../cli-test-harness";
import { openDb } from "../context";
import { registerDemo } from "./demo";
import { registerReplay } from "./replay";
import { registerRun } from "./run";

let cli: CliHarness;
/** The demo's ecommerce-order-0010 failed because ProcessPayment kept timing out. */
const FAILED = "ecommerce-order-0010";

function payableOrderId(): string {
  for (let i = 0; ; i++) if (hashOf(`fixed-${i}pay`) % 10 !== 0 && hashOf(`fixed-${i}pay`) % 3 !== 0) return `fixed-${i}`;
}

beforeAll(async () => {
  cli = new CliHarness([registerDemo, registerRun, registerReplay]);
  expect((await cli.run("demo", "--count", "12")).exitCode).toBe(0);
}, 60_000);

afterAll(() => cli.close());

describe("statelens replay", () => {
  it("replays an unchanged execution into an identical history without storing it", async () => {
    const out = await cli.run("replay", FAILED, "--json", "--no-store");
    expect(out.exitCode).toBe(2);
    const { replay, diff } = JSON.parse(out.stdout);
    expect(replay).toMatchObject({
      id: null,
      status: "FAILED",
      error: "PaymentGatewayTimeout",
      name: `${FAILED}-replay-1`,
      checkpoint: null,
      edits: null,
      missed: [],
    });
    expect(diff.identical).toBe(true);
    const { db } = await openDb();
    expect(await db.execution.count({ where: { source: "replay" } })).toBe(0);
  });

  it("replays from a checkpoint with a patched input, answers new calls with the example handlers and stores the replay", async () => {
    const patch = JSON.stringify([{ op: "replace", path: "/orderId", value: payableOrderId() }]);
    const out = await cli.run("replay", FAILED, "--from", "ProcessPayment", "--patch", patch, "--missing", "examples");
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain(`replayed ${FAILED} from ProcessPayment (event `);
    expect(out.stdout).toContain("FAILED -> SUCCEEDED");
    expect(out.stdout).toContain(`stored as ${FAILED}-replay-1`);
    expect(out.stdout).toMatch(
      /first divergence at event #\d+ \(payload\): original TaskStateEntered ProcessPayment \| replay TaskStateEntered ProcessPayment/,
    );
    expect(out.stdout).toContain("only in the replay: CreateShippingLabel");
    const { db } = await openDb();
    const stored = await db.execution.findFirstOrThrow({ where: { name: `${FAILED}-replay-1` }, include: { replayOf: true } });
    expect(stored).toMatchObject({ source: "replay", status: "SUCCEEDED", replayOf: { name: FAILED } });
    expect(stored.executionArn).toBe(`${stored.replayOf!.executionArn}-replay-1`);
    expect(stored.replayCheckpoint).toMatch(/^ProcessPayment \(event \d+\)$/);
    expect(JSON.parse(stored.replayEdits!)).toEqual({ patch: JSON.parse(patch) });
    expect(await db.auditLog.count({ where: { action: "replay", target: stored.replayOf!.executionArn } })).toBe(1);

    const again = await cli.run("replay", stored.replayOf!.id, "--json");
    expect(JSON.parse(again.stdout).replay.name).toBe(`${FAILED}-replay-2`);
  });

  it("explains bad arguments", async () => {
    await expect(cli.run("replay", "no-such-execution")).rejects.toThrow(/no stored execution has the id, ARN or name "no-such-execution"/);
    await expect(cli.run("replay", FAILED, "--from", "Nowhere")).rejects.toThrow(
      /no state entry matches "Nowhere"\. Checkpoints: 2 CheckInventory, .*ProcessPayment@2/,
    );
    await expect(cli.run("replay", FAILED, "--patch", '[{"op":"jump"}]')).rejects.toThrow(/--patch: 0: "op" must be one of/);
    await expect(cli.run("replay", FAILED, "--missing", "maybe")).rejects.toThrow(/unknown missing-result rule/);
  });
});

describe("statelens what-if", () => {
  it("replays a machine's failed executions against a new definition and reports which now succeed", async () => {
    const fixed = structuredClone(ecommerceOrder.definition) as { States: Record<string, Record<string, unknown>> };
    fixed.States.ProcessPayment.Catch = [
      { ErrorEquals: ["PaymentGatewayTimeout"], ResultPath: "$.paymentError", Next: "CreateShippingLabel" },
    ];
    const file = path.join(cli.dir, "fixed.asl.json");
    await import("node:fs/promises").then((fs) => fs.writeFile(file, JSON.stringify(fixed)));
    const out = await cli.run(
      "what-if",
      "--state-machine",
      "EcommerceOrder",
      "--definition",
      file,
      "--status",
      "failed",
      "--missing",
      "examples",
      "--json",
    );
    const report = JSON.parse(out.stdout);
    expect(report.total).toBeGreaterThan(0);
    expect(report.nowSucceed.map((r: { name: string }) => r.name)).toContain(FAILED);
    expect(report.rows.every((r: { before: string }) => r.before === "FAILED")).toBe(true);
    expect(out.stderr).toContain(`replaying ${report.total}/${report.total}`);
  });
});

describe("statelens export-test", () => {
  it("writes a mock config with which `statelens run --mocks` reproduces the execution", async () => {
    const file = path.join(cli.dir, "export", "mocks.json");
    const out = await cli.run("export-test", FAILED, "-o", file);
    expect(out.stdout).toContain("reproduce it with:");
    const config = JSON.parse(readFileSync(file, "utf8"));
    expect(config.StateMachines.EcommerceOrder.TestCases.Recorded).toEqual({
      CheckInventory: "CheckInventoryRecorded",
      ProcessPayment: "ProcessPaymentRecorded",
    });
    expect(config.MockedResponses.ProcessPaymentRecorded).toEqual({
      "0-2": { Throw: { Error: "PaymentGatewayTimeout", Cause: expect.stringContaining("did not answer") } },
    });
    const stem = file.replace(/\.json$/, "");
    const run = await cli.run(
      "run",
      `${stem}.definition.json`,
      "--input",
      `@${stem}.input.json`,
      "--state-machine",
      "EcommerceOrder",
      "--mocks",
      file,
      "--test-case",
      "Recorded",
      "--json",
    );
    const { db } = await openDb();
    const original = await db.execution.findFirstOrThrow({ where: { name: FAILED }, include: { events: { orderBy: { eventId: "asc" } } } });
    const result = JSON.parse(run.stdout);
    expect(result.status).toBe("FAILED");
    expect(result.events.map((e: { type: string }) => e.type)).toEqual(original.events.map((e) => e.type));
    expect(result.error).toBe(original.error);
  });
});
