/**
 * The fields each state type takes (the ASL specification plus AWS's JSONata and variables
 * fields; the same sets asl-validator's per-type schemas list). AWS refuses any other field with
 * `Field 'X' is not supported` at the state (AWS-measured: TimeoutSeconds, Catch and Retry on the
 * types without them, floci-io/floci#2735; `Field 'ResultPath' is not supported` on a Wait,
 * sam-goodwin/functionless#308).
 */
const COMMON = ["Type", "Comment", "QueryLanguage"];
const FLOW = ["Next", "End"];
const IO = ["InputPath", "OutputPath", "Assign", "Output"];
const RESULT = ["ResultPath", "Parameters", "ResultSelector"];
const ERRORS = ["Retry", "Catch"];

export const STATE_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  Pass: new Set([...COMMON, ...FLOW, ...IO, "ResultPath", "Parameters", "Result"]),
  Task: new Set([
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    ...ERRORS,
    "Resource",
    "Arguments",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "Credentials",
  ]),
  Choice: new Set([...COMMON, ...IO, "Choices", "Default"]),
  Wait: new Set([...COMMON, ...FLOW, ...IO, "Seconds", "SecondsPath", "Timestamp", "TimestampPath"]),
  Succeed: new Set([...COMMON, "InputPath", "OutputPath", "Output"]),
  Fail: new Set([...COMMON, "Error", "ErrorPath", "Cause", "CausePath"]),
  Parallel: new Set([...COMMON, ...FLOW, ...IO, ...RESULT, ...ERRORS, "Arguments", "Branches"]),
  Map: new Set([
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    ...ERRORS,
    "ItemProcessor",
    "Iterator",
    "ItemsPath",
    "Items",
    "ItemSelector",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "Label",
  ]),
};

/**
 * The fields of a state machine, a Parallel branch and a Map's ItemProcessor/Iterator. AWS
 * refuses `QueryLanguage` on an ItemProcessor or Iterator (`Field 'QueryLanguage' is not
 * supported` there, AWS-measured in floci-io/floci#2968).
 */
export const MACHINE_FIELDS = new Set(["StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"]);
export const BRANCH_FIELDS = new Set(["StartAt", "States", "Comment"]);
export const PROCESSOR_FIELDS = new Set(["StartAt", "States", "Comment", "ProcessorConfig"]);
