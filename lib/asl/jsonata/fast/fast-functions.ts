import type { FastFunction } from "./fast-function-support";
import { NUMBER_FUNCTIONS } from "./fast-number-functions";
import { STRUCTURE_FUNCTIONS } from "./fast-structure-functions";
import { TEXT_FUNCTIONS } from "./fast-text-functions";

/**
 * The JSONata functions the fast evaluator runs itself, each for the argument types whose result
 * is certain (the types jsonata's signature accepts without coercion surprises). Anything else —
 * missing or undefined arguments that jsonata would fill from the context, wrong types (jsonata
 * errors), regular expressions — bails out to jsonata.
 */
export const FAST_FUNCTIONS: Record<string, FastFunction> = { ...TEXT_FUNCTIONS, ...NUMBER_FUNCTIONS, ...STRUCTURE_FUNCTIONS };

export type { FastFunction };
