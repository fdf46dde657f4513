import { describe, expect, it } from "vitest";
import { generateDemo } from "@/lib/examples/generate-demo";
import { toEventDto, type EventDto } from "@/lib/model/execution";
import { checkJsonText, prepareReplayForm } from "./prepare-replay-form";

async function demo(name: string) {
  for await (const e of generateDemo({ count: 12, now: new Date("2026-02-01T00:00:00Z") })) if (e.name === name) return e;
  throw new Error(name);
}

describe("prepareReplayForm", () => {
  it("offers the start and every top-level entry, defaulting to the state the execution failed in", async () => {
    const e = await demo("ecommerce-order-0010");
    const events: EventDto[] = e.events.map((event) => toEventDto({ ...event }));
    const form = prepareReplayForm(events, e.definition, e.input);
    expect(form.problem).toBeNull();
    expect(form.options.map((o) => o.label)).toEqual([
      "The start (execution input)",
      "#2 CheckInventory · Task",
      "#7 StockLevel · Choice",
      "#9 ProcessPayment · Task",
      "#13 ProcessPayment (attempt 2) · Task",
      "#16 ProcessPayment (attempt 3) · Task",
    ]);
    expect(form.defaultValue).toBe("9");
    expect(JSON.parse(form.options[3].inputText)).toMatchObject({ orderId: "web-30010", inventory: { status: "IN_STOCK" } });
    expect(JSON.parse(form.options[0].inputText)).toEqual(JSON.parse(e.input!));
  });

  it("offers the states inside Parallel branches, indented, with the input each entered with", async () => {
    const e = await demo("order-fulfillment-0005");
    const form = prepareReplayForm(
      e.events.map((event) => toEventDto({ ...event })),
      e.definition,
      e.input,
    );
    const branch = form.options.find((o) => o.label === "#16 UpdateAndNotify › branch 2 › NotifyWarehouse · Task")!;
    expect(branch.depth).toBe(1);
    expect(form.options.find((o) => o.value === "12")?.depth).toBe(0);
    const entered = e.events.find((event) => event.id === 16)!;
    expect(JSON.parse(branch.inputText)).toEqual(JSON.parse(entered.stateEnteredEventDetails!.input as string));
  });

  it("explains why an execution without a definition cannot be replayed", () => {
    expect(prepareReplayForm([], null, null)).toMatchObject({
      defaultValue: "start",
      problem: expect.stringContaining("no stored definition"),
    });
  });
});

describe("checkJsonText", () => {
  it("accepts JSON and says what is wrong otherwise", () => {
    expect(checkJsonText(' {"a": [1]} ')).toEqual({ ok: true, value: { a: [1] } });
    expect(checkJsonText("")).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
    expect(checkJsonText("{a:1}")).toMatchObject({ ok: false, message: expect.stringMatching(/^Not valid JSON/) });
  });
});
