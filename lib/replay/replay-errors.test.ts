import { beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../examples/generate-demo";
import type { IngestedExecution } from "../ingest/types";
import { ReplayRequestError } from "./replay-errors";
import { replayExecution, type ReplaySource } from "./replay-execution";
import { replayErrorField } from "./replay-request";

let source: ReplaySource;
beforeAll(async () => {
  let first: IngestedExecution | undefined;
  for await (const e of generateDemo({ count: 1, now: new Date("2026-02-01T00:00:00Z") })) first ??= e;
  source = { ...first!, definition: first!.definition! };
});

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("replay errors are typed values", () => {
  it("a checkpoint that is not in the history is a ReplayRequestError about `from`", async () => {
    const error = await errorOf(replayExecution(source, { from: "NoSuchState" }));
    expect(error).toBeInstanceOf(ReplayRequestError);
    expect(replayErrorField(error)).toBe("from");
    expect((error as Error).message).toMatch(/^cannot replay from NoSuchState: /);
  });

  it("an edited definition that is not JSON, or not valid ASL, is one about `definition`", async () => {
    const notJson = await errorOf(replayExecution(source, { definition: "{" }));
    expect(replayErrorField(notJson)).toBe("definition");
    expect((notJson as Error).message).toMatch(/^the definition is not valid JSON/);
    const invalid = await errorOf(replayExecution(source, { definition: { StartAt: "X", States: { X: { Type: "Pass" } } } }));
    expect(replayErrorField(invalid)).toBe("definition");
    expect((invalid as Error).message).toMatch(/^the new definition is not valid: /);
  });

  it("is not told from the message text: any other error is no request error, whatever it says", () => {
    expect(replayErrorField(new Error("cannot replay from 5: looks like one"))).toBeUndefined();
    expect(replayErrorField(new Error("the new definition is not valid: looks like one"))).toBeUndefined();
    // the field named by the worker that ran the replay comes back on its error
    expect(replayErrorField(Object.assign(new Error("cannot replay from 5: x"), { field: "from" }))).toBe("from");
  });
});
