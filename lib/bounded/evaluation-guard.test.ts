import { describe, expect, it } from "vitest";
import { runExecution } from "../asl";
import { evaluationGuard } from "./evaluation-guard";

const RECURSIVE = "($f := function($n){ $f($n+1) }; $f(0))";
const pass = (output: string) => ({
  QueryLanguage: "JSONata",
  StartAt: "P",
  States: { P: { Type: "Pass", Output: `{% ${output} %}`, End: true } },
});

describe("evaluationGuard in the engine", () => {
  it("fails a runaway JSONata evaluation with States.Runtime naming the time limit; Catch does not see it", async () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          Items: "{% [1, 2, 3] %}",
          ItemProcessor: { StartAt: "P", States: pass(RECURSIVE).States },
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      },
    };
    const started = performance.now();
    const result = await runExecution({ definition, input: {}, evaluationGuard: evaluationGuard({ timeMs: 300, memoryMb: 256 }) });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: `The JSONata expression '${RECURSIVE}' specified for the field 'Output' exceeded its 300 ms time limit.`,
    });
    expect(result.events.at(-1)?.type).toBe("ExecutionFailed");
  }, 20_000);

  it("names the memory limit when an evaluation grows the heap past it", async () => {
    const grow = "($f := function($a, $n){ $n = 0 ? $count($a) : $f($append($a, $a), $n - 1) }; $f([1..1000], 14))";
    const result = await runExecution({
      definition: pass(grow),
      input: {},
      evaluationGuard: evaluationGuard({ timeMs: 60_000, memoryMb: 8 }),
    });
    expect(result).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(result.cause).toMatch(/exceeded its 8 MB memory limit\.$/);
  }, 90_000);

  it("limits the JSONata time of the whole execution, and leaves normal executions alone", async () => {
    const slow = "($f := function($n){ $n = 0 ? 0 : $f($n - 1) }; $f(50))";
    const loop = {
      QueryLanguage: "JSONata",
      StartAt: "M",
      States: { M: { Type: "Map", Items: "{% [1..2000] %}", ItemProcessor: { StartAt: "P", States: pass(slow).States }, End: true } },
    };
    // a clock that advances 1 ms per reading, so the outcome does not depend on the machine's speed or load
    let t = 0;
    const guard = { timeMs: 1000, memoryMb: 256, now: () => (t += 1) };
    const many = await runExecution({ definition: loop, input: {}, evaluationGuard: evaluationGuard(guard) });
    expect(many).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(many.cause).toMatch(/exceeded the execution's 5 s limit on JSONata evaluation time\.$/);
    const normal = await runExecution({ definition: pass("$sum([1..100])"), input: {}, evaluationGuard: evaluationGuard(guard) });
    expect(normal).toMatchObject({ status: "SUCCEEDED", output: 5050 });
  }, 120_000);

  it("lets the event loop turn during a long evaluation when asked to", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await runExecution({
      definition: pass(RECURSIVE),
      input: {},
      evaluationGuard: evaluationGuard({ timeMs: 500, memoryMb: 256, yieldEveryMs: 5 }),
    });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  }, 20_000);
});
