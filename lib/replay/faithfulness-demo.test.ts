import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../asl/history/types";
import { generateDemo } from "../examples/generate-demo";
import { checkpoints } from "./checkpoints";
import { diffExecutions } from "./diff-executions";
import { replayExecution } from "./replay-execution";

const plain = (events: readonly HistoryEvent[]) => events.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));

describe("replay faithfulness on the demo executions", () => {
  it("reproduces all 200 demo executions from the start and from every checkpoint (nested ones and retried attempts too), timestamps included", async () => {
    let executions = 0;
    let fromCheckpoints = 0;
    let nested = 0;
    let attempts = 0;
    const statuses = new Set<string>();
    for await (const execution of generateDemo({ count: 200, now: new Date("2026-02-01T00:00:00Z") })) {
      executions++;
      statuses.add(execution.status);
      const source = { ...execution, definition: execution.definition! };
      const replay = await replayExecution(source);
      expect(replay.status, execution.name).toBe(execution.status);
      expect(diffExecutions(source, replay).identical, execution.name).toBe(true);
      expect(plain(replay.events), execution.name).toEqual(plain(execution.events));
      for (const checkpoint of checkpoints(execution.events, source.definition)) {
        const partial = await replayExecution(source, { from: checkpoint.eventId });
        expect(plain(partial.events), `${execution.name} from ${checkpoint.eventId} ${checkpoint.label}`).toEqual(plain(execution.events));
        fromCheckpoints++;
        if (checkpoint.path.length > 0) nested++;
        if (checkpoint.attempt > 1) attempts++;
      }
    }
    expect(executions).toBe(200);
    expect(statuses).toEqual(new Set(["SUCCEEDED", "FAILED"]));
    // Inside Parallel branches and at retried attempts too, not only at top-level entries.
    expect(nested).toBeGreaterThan(0);
    expect(attempts).toBeGreaterThan(0);
    console.log(
      `replay faithfulness: 200/200 demo executions reproduced from the start, ${fromCheckpoints}/${fromCheckpoints} from checkpoints (${nested} inside branches, ${attempts} retried attempts)`,
    );
  });
});
