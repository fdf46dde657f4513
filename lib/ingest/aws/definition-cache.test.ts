import { describe, expect, it } from "vitest";
import { DefinitionCache, type RanDefinition } from "./definition-cache";

const SM = "arn:aws:states:us-east-1:1:stateMachine:M";
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));

describe("DefinitionCache", () => {
  it("calls once per revision span, newest first, and again for older revisions", async () => {
    // Revision r1 from minute 0, r2 from minute 30.
    const revisions: Record<string, RanDefinition> = {
      r1: { definition: "d1", revisionId: "r1", updateDate: at(0) },
      r2: { definition: "d2", revisionId: "r2", updateDate: at(30) },
    };
    const fetched: string[] = [];
    const cache = new DefinitionCache(async (arn) => {
      fetched.push(arn);
      return Number(arn.split(":").pop()) >= 30 ? revisions.r2 : revisions.r1;
    });
    const run = (minute: number) => cache.get({ executionArn: `${SM}:exec:${minute}`, stateMachineArn: SM, startDate: at(minute) });
    const results = await Promise.all([50, 45, 40, 31, 29, 20, 10].map(run));
    expect(results.map((r) => r.definition)).toEqual(["d2", "d2", "d2", "d2", "d1", "d1", "d1"]);
    expect(fetched).toEqual([`${SM}:exec:50`, `${SM}:exec:29`]);
    // Later than anything seen: an update may have happened since, so it asks again.
    expect((await run(55)).definition).toBe("d2");
    expect(cache.calls).toBe(3);
    expect((await run(52)).definition).toBe("d2");
    expect(cache.calls).toBe(3);
  });

  it("pins by version ARN and by Map Run ARN", async () => {
    let calls = 0;
    const cache = new DefinitionCache(async () => ({ definition: `v${++calls}`, revisionId: null, updateDate: at(0) }));
    const key = (minute: number, extra: object) => ({ executionArn: `e${minute}`, stateMachineArn: SM, startDate: at(minute), ...extra });
    expect((await cache.get(key(1, { stateMachineVersionArn: `${SM}:1` }))).definition).toBe("v1");
    expect((await cache.get(key(99, { stateMachineVersionArn: `${SM}:1` }))).definition).toBe("v1");
    expect((await cache.get(key(5, { mapRunArn: "mr" }))).definition).toBe("v2");
    expect((await cache.get(key(6, { mapRunArn: "mr" }))).definition).toBe("v2");
    expect(calls).toBe(2);
  });
});
