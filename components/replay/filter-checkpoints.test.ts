import { describe, expect, it } from "vitest";
import { filterCheckpoints } from "./filter-checkpoints";
import type { CheckpointOption } from "./prepare-replay-form";

const option = (value: string, label: string): CheckpointOption => ({ value, label, depth: 0, inputText: "{}" });
const options = [
  option("start", "The start (execution input)"),
  option("2", "#2 CheckInventory · Task"),
  option("9", "#9 ProcessPayment · Task"),
  option("13", "#13 ProcessPayment (attempt 2) · Task"),
  option("40", "#40 ProcessItems › item 3 › ChargeCard (attempt 2) · Task"),
];
const values = (list: CheckpointOption[]) => list.map((o) => o.value);

describe("filterCheckpoints", () => {
  it("keeps every checkpoint for an empty or blank query", () => {
    expect(values(filterCheckpoints(options, "", "9"))).toEqual(["start", "2", "9", "13", "40"]);
    expect(values(filterCheckpoints(options, "   ", "9"))).toEqual(["start", "2", "9", "13", "40"]);
  });

  it("matches every word of the query in any case and order", () => {
    expect(values(filterCheckpoints(options, "processpayment", "start"))).toEqual(["start", "9", "13"]);
    expect(values(filterCheckpoints(options, "attempt payment", "start"))).toEqual(["start", "13"]);
    expect(values(filterCheckpoints(options, "item 3 attempt", "start"))).toEqual(["start", "40"]);
    expect(values(filterCheckpoints(options, "#13", "start"))).toEqual(["start", "13"]);
  });

  it("keeps the picked checkpoint in place even when it does not match", () => {
    expect(values(filterCheckpoints(options, "attempt", "2"))).toEqual(["2", "13", "40"]);
    expect(values(filterCheckpoints(options, "no such state", "9"))).toEqual(["9"]);
  });
});
