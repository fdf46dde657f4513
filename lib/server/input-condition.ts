import jsonata from "jsonata";
import { LimitExceeded } from "../bounded/limit-exceeded";
import { formatMs } from "../bounded/limits";
import { evaluationPools } from "../bounded/pools";

/**
 * An advanced list filter: a JSONata condition evaluated against each execution's input, e.g.
 * `$.order.total > 100` or `items[sku = "SKU-CAP"]`. JSONPath-looking conditions are valid JSONata.
 * It runs in an evaluation worker (lib/bounded) with a time limit for all the rows of one request
 * and a heap limit: a runaway fails with LimitExceeded ("the input condition exceeded its 2 s
 * time limit") and leaves the server answering.
 */
export interface CompiledCondition {
  text: string;
  test(inputText: string | null): Promise<boolean>;
  /** The verdicts on a batch of inputs (one worker round trip). */
  testMany(inputTexts: readonly (string | null)[]): Promise<boolean[]>;
}

const WHAT = "the input condition";

export function compileInputCondition(text: string): CompiledCondition {
  try {
    jsonata(text);
  } catch (e) {
    const err = e as { message?: string; position?: number };
    throw new Error(`input condition: ${err.message ?? "syntax error"}${err.position !== undefined ? ` at position ${err.position}` : ""}`);
  }
  let spent = 0;
  const testMany = async (inputs: readonly (string | null)[]): Promise<boolean[]> => {
    const { conditions, limits } = evaluationPools();
    const left = limits.evalTimeMs - spent;
    if (left <= 0) throw new LimitExceeded(WHAT, "time", `its ${formatMs(limits.evalTimeMs)} time limit`);
    return conditions.run<boolean[]>(
      "condition",
      { text, inputs },
      { what: WHAT, timeMs: left, named: limits.evalTimeMs, ran: (ms) => (spent += ms) },
    );
  };
  return {
    text,
    testMany,
    async test(inputText) {
      return (await testMany([inputText]))[0];
    },
  };
}
