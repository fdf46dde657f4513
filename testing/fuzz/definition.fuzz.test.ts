import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runExecution, seededRandom, validateDefinition, DefinitionError, type ExecutionResult, type TaskInvoker } from "../../lib/asl";
import { definitionSeeds } from "./definition-seeds";
import { fuzzSeeds } from "./fuzz-seeds";
import { explainsValidatorCrash } from "./known-issues";
import { applyMutations, damageText, mutation, textDamage } from "./mutate-json";

// Generated malformed definitions through the interpreter's validator and runner. Properties:
// validateDefinition never throws and names each issue (65 ms to over 1 s a call on a busy machine: asl-validator, hence fewer runs); runExecution either finishes with an
// AWS-shaped history or rejects with DefinitionError and a message: never a TypeError, never a hang.
// Each property runs once per seed of fuzzSeeds() (CI's fixed list, or FC_SEED=1,2,3 by hand);
// FUZZ_RUNS scales the run count per seed.
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const pool = definitionSeeds();
const STATUSES = new Set(["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]);
const TERMINAL: Record<string, string> = {
  SUCCEEDED: "ExecutionSucceeded",
  FAILED: "ExecutionFailed",
  TIMED_OUT: "ExecutionTimedOut",
  ABORTED: "ExecutionAborted",
};

/** Answers every task: its parameters back, or an error on odd first attempts (to drive Retry/Catch). */
const echoInvoker: TaskInvoker = {
  invoke(request) {
    if (request.attempt === 0 && request.stateName.length % 2 === 1) return { error: "Fuzz.TaskFailed", cause: "first attempt fails" };
    return { output: request.parameters ?? null, durationMs: 5 };
  },
};
const itemReader = { read: () => [1, { a: 2 }, "three"] };

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result after ${ms} ms (hang)`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Either a complete, AWS-shaped result or a DefinitionError with a message; anything else fails. */
async function checkRun(definition: unknown, input: unknown): Promise<"ran" | "refused"> {
  let result: ExecutionResult;
  try {
    result = await withDeadline(
      runExecution({
        definition: definition as object,
        input,
        taskInvoker: echoInvoker,
        itemReader,
        random: seededRandom(1),
        maxEvents: 400,
      }),
      5_000,
    );
  } catch (error) {
    expect(error, `not a DefinitionError: ${String((error as Error)?.stack ?? error)}`).toBeInstanceOf(DefinitionError);
    expect((error as Error).message.length).toBeGreaterThan(3);
    return "refused";
  }
  expect(STATUSES.has(result.status), `status ${result.status}`).toBe(true);
  expect(result.events[0]?.type).toBe("ExecutionStarted");
  expect(result.events[result.events.length - 1]?.type).toBe(TERMINAL[result.status]);
  result.events.forEach((e, i) => {
    expect(e.id).toBe(i + 1);
    expect(Number.isNaN(e.timestamp.getTime()), `event ${e.id} has an invalid timestamp`).toBe(false);
  });
  // (a FAILED result may have no error name: a Fail state with only a Cause, as on AWS)
  return "ran";
}

const brokenDefinition = fc.record({ pick: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });

describe.each(fuzzSeeds())("fuzz: definitions (seed %i)", (seed) => {
  it("validateDefinition names every problem and never throws", { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(brokenDefinition, ({ pick, mutations }) => {
        const definition = applyMutations(pool[pick % pool.length].definition, mutations);
        let issues: ReturnType<typeof validateDefinition>;
        try {
          issues = validateDefinition(definition);
        } catch (error) {
          if (explainsValidatorCrash(definition, error)) return;
          throw error;
        }
        expect(Array.isArray(issues)).toBe(true);
        for (const issue of issues) {
          expect(typeof issue.path).toBe("string");
          expect(issue.message.length).toBeGreaterThan(3);
        }
      }),
      { numRuns: Math.ceil(RUNS / 6), seed },
    );
  });

  it("runExecution finishes with an AWS-shaped history or refuses with DefinitionError", async () => {
    const outcomes = { ran: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(brokenDefinition, fc.option(fc.jsonValue({ maxDepth: 2 }), { freq: 3 }), async ({ pick, mutations }, otherInput) => {
        const s = pool[pick % pool.length];
        outcomes[await checkRun(applyMutations(s.definition, mutations), otherInput ?? s.input)]++;
      }),
      { numRuns: RUNS * 2, seed },
    );
    console.info(`fuzz runExecution: ${JSON.stringify(outcomes)}`);
    expect(outcomes.ran).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it("runExecution refuses damaged definition text with DefinitionError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), textDamage, async (pick, damage) => {
        await checkRun(damageText(JSON.stringify(pool[pick % pool.length].definition), damage), {});
      }),
      { numRuns: RUNS, seed },
    );
    for (const text of ["", "null", "[]", "42", '"x"', "{", '{"StartAt":1}', '{"States":{}}'])
      expect(await checkRun(text, {})).toBe("refused");
  });
});
