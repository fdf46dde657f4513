export { runConformance, type CaseResult, type ConformanceOptions, type ConformanceReport } from "./run-conformance";
export { formatReport } from "./format-report";
export { formatTriage } from "./format-triage";
export { summarizeTiers, rate, type TierSummary } from "./summarize-tiers";
export { loadCases } from "./load-cases";
export { maskRun, type MaskedRun, type RawRun } from "./mask-run";
export { scoreCase, type CaseScore } from "./score-case";
export {
  createRecordedTaskInvoker,
  outcomeOf,
  NO_RECORDING_ERROR,
  type RecordedTaskInvoker,
  type RecordedTaskResult,
} from "./recorded-task-invoker";
export type { ConformanceCase, RecordedServiceCall } from "./case-types";
