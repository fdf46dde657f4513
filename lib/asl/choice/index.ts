export { evaluateChoiceRule } from "./evaluate-choice-rule";
export { parseTimestamp, compareInstants, type Instant } from "./parse-timestamp";
export { stringMatches } from "./string-matches";
