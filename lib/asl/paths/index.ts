export type { ExpressionEnv, RandomPort } from "./env";
export { evaluatePath, lookupPath } from "./evaluate-path";
export { evaluateReferencePath, lookupReference } from "./evaluate-reference-path";
export { applyResultPath } from "./apply-result-path";
export { evaluatePayloadTemplate } from "./evaluate-payload-template";
export { PathNotFoundError } from "./path-not-found-error";
export { MISSING } from "./definite-path";
