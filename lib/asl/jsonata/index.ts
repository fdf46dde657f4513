export { evaluateJsonata } from "./evaluate-jsonata";
export { evaluateJsonataTemplate, isJsonataTemplate, runJsonataTemplate } from "./evaluate-jsonata-template";
export type { JsonataBindings } from "./jsonata-bindings";
export { QueryEvaluationError } from "./query-evaluation-error";
