export { evaluateJsonata } from "./evaluate-jsonata";
export { evaluateJsonataTemplate, isJsonataTemplate } from "./evaluate-jsonata-template";
export type { JsonataBindings } from "./jsonata-bindings";
export { QueryEvaluationError } from "./query-evaluation-error";
