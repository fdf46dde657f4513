// @ts-expect-error asl-validator ships no type declarations
import aslValidatorUntyped from "asl-validator";
import jsonata from "jsonata";
import { parseIntrinsic, isIntrinsicCall } from "../intrinsics/parse-intrinsic";
import { isJsonataTemplate } from "../jsonata/evaluate-jsonata-template";
import { parseIsoTimestamp } from "../evaluate/timestamp";
import {
  indexObject,
  isDefinitionIndex,
  isTerminal,
  type DefinitionIndex,
  type DefinitionScope,
  type DefinitionState,
} from "../definition/definition-model";
import { topLevelReferences } from "./jsonata-top-level";
import { checkJsonPathRule, checkNumberFields } from "./value-checks";
import { BRANCH_FIELDS, MACHINE_FIELDS, PROCESSOR_FIELDS, STATE_FIELDS } from "./state-fields";

export interface ValidationIssue {
  /** Where: `States.Foo.Next`, `States.P.Branches[0].States.Bar.Retry[1].BackoffRate`, or "" for the machine. */
  path: string;
  message: string;
  /** AWS's diagnostic code, when it is not SCHEMA_VALIDATION_FAILED (MISSING_END_STATE has no location on AWS). */
  code?: "MISSING_TRANSITION_TARGET" | "MISSING_END_STATE" | "INVALID_JSONATA_EXPRESSION" | "UNSUPPORTED_JSONATA_EXPRESSION";
}

type Obj = Record<string, unknown>;

interface AslValidatorError {
  "Error code": string;
  Message: string;
  schemaError?: { instancePath?: string };
}
const aslValidator = aslValidatorUntyped as (
  definition: unknown,
  options: { checkArn: boolean; checkPaths: boolean },
) => { isValid: boolean; errors: AslValidatorError[] };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

const STATE_TYPES = new Set(["Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map"]);
const JSONPATH_ONLY = ["InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "ItemsPath"];
const JSONATA_ONLY = ["Arguments", "Output", "Items"];
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Codes whose findings the semantic checks below report with better paths. */
const COVERED_CODES = new Set(["MISSING_TRANSITION_TARGET", "TERMINAL_STATE_WITH_NEXT"]);

/**
 * Validates an ASL definition: asl-validator's JSON schema (with known false positives for modern
 * JSONata/variables definitions neutralised) plus semantic checks that name the state and field:
 * transition targets, End/Next, reachability, Choice rules, Retry/Catch fields, `.$` payload
 * templates and intrinsic calls, JSONata syntax, QueryLanguage field rules, variable names.
 * The checks go over the definition model's scopes and states (a model already built may be
 * passed instead of the definition). Returns [] when the definition is valid.
 */
export function validateDefinition(definition: unknown): ValidationIssue[] {
  const index = isDefinitionIndex(definition) ? definition : undefined;
  const root = index ? index.root : definition;
  if (!isObj(root)) return [{ path: "", message: "the definition must be a JSON object" }];
  const key = JSON.stringify(root);
  let issues = cache.get(key);
  if (!issues) {
    issues = validateUncached(index ?? indexObject(root));
    if (cache.size >= 500) cache.clear();
    cache.set(key, issues);
  }
  return issues.map((issue) => ({ ...issue }));
}

/** asl-validator rebuilds its JSON-schema validator on every call (~50-80 ms), so results are cached by text. */
const cache = new Map<string, ValidationIssue[]>();

function validateUncached(index: DefinitionIndex): ValidationIssue[] {
  const definition = index.root;
  const issues: ValidationIssue[] = [];
  const machineLanguage = definition.QueryLanguage ?? "JSONPath";
  if (machineLanguage !== "JSONPath" && machineLanguage !== "JSONata") {
    issues.push({ path: "QueryLanguage", message: `must be "JSONPath" or "JSONata"` });
  }
  checkMachine(index.rootScope, "", machineLanguage === "JSONata" ? "JSONata" : "JSONPath", issues, MACHINE_FIELDS);
  const found = issues.length > 0;
  for (const issue of schemaIssues(definition, found)) {
    if (isSchemaEcho(issue, issues)) continue;
    issues.push(issue);
  }
  return issues;
}

/**
 * asl-validator findings that only echo a problem the checks above name better, so that only the
 * real problem is reported, as AWS does: the schema's per-state-type alternatives each complain
 * (`Type` / `QueryLanguage` not among the allowed values, "must match exactly one schema in
 * oneOf" at the state) when a state fails; it names an internal machine ("State machine fsm1 is
 * missing a terminal state"), checks fields and Wait/Map shapes the checks above report at the
 * state; and anything at, inside or around a field already reported is the same problem again.
 * The rest keep asl-validator's text, in AWS's words where they are known.
 */
function isSchemaEcho(issue: ValidationIssue, found: ValidationIssue[]): boolean {
  if (issue.message === "must be equal to one of the allowed values" && /(^|\.)(Type|QueryLanguage)$/.test(issue.path)) return true;
  if (/^State machine fsm\d+ is missing a terminal state$/.test(issue.message)) return true;
  if (/^State ".*" MUST contain exactly one of /.test(issue.message)) return true;
  if (/must NOT have additional properties$/.test(issue.message)) return true;
  const overlaps = (a: string, b: string) => a === b || (a !== "" && b.startsWith(`${a}.`)) || b.startsWith(`${a}[`);
  if (found.some((f) => f.path !== "" && (overlaps(f.path, issue.path) || overlaps(issue.path, f.path)))) return true;
  if (issue.path === "" && found.some((f) => f.path === "")) return true;
  const required = /^must have required property '([^']+)'$/.exec(issue.message);
  if (required) issue.message = `These fields are required: [${required[1]}]`;
  // asl-validator's path formats: AWS's wording for a `.$` field, for the path fields themselves.
  if (/^must match format "asl_(path|ref_path|result_path)"$/.test(issue.message)) {
    issue.message = `The value for the field '${fieldName(issue.path)}' must be a valid JSONPath`;
  }
  return false;
}

/** The last field of a dotted path (`States.A.Choices[0].Variable` -> `Variable`). */
function fieldName(path: string): string {
  return path
    .split(".")
    .pop()!
    .replace(/\[\d+\]$/, "");
}

function schemaIssues(definition: Obj, found: boolean): ValidationIssue[] {
  const clone = structuredClone(definition);
  neutraliseFalsePositives(clone, clone.QueryLanguage === "JSONata");
  let result: ReturnType<typeof aslValidator>;
  try {
    result = aslValidator(clone, { checkArn: false, checkPaths: true });
  } catch (error) {
    // asl-validator throws on some malformed shapes (a state that is not an object, ...): the
    // semantic checks above name those; otherwise report the schema check's failure, never crash.
    if (found) return [];
    return [{ path: "", message: `the definition could not be checked against the ASL schema: ${(error as Error).message}` }];
  }
  return result.errors
    .filter((e) => !COVERED_CODES.has(e["Error code"]))
    .map((e) => {
      const instancePath = e.schemaError?.instancePath;
      const path = instancePath ? pointerToPath(instancePath) : "";
      const message = instancePath ? e.Message.replace(`${instancePath} is invalid. `, "") : e.Message;
      return { path, message };
    });
}

/** asl-validator rejects valid modern definitions: any-JSON Output/Assign, literal Condition, etc. */
function neutraliseFalsePositives(machine: Obj, jsonata: boolean): void {
  if (!isObj(machine.States)) return;
  for (const state of Object.values(machine.States)) {
    if (!isObj(state)) continue;
    const stateJsonata = state.QueryLanguage ? state.QueryLanguage === "JSONata" : jsonata;
    if ("Assign" in state) state.Assign = {};
    if ("Output" in state && !isJsonataTemplate(state.Output) && !isObj(state.Output)) state.Output = {};
    if (Array.isArray(state.Choices)) {
      for (const rule of state.Choices) {
        if (!isObj(rule)) continue;
        if ("Assign" in rule) rule.Assign = {};
        if ("Output" in rule && !isJsonataTemplate(rule.Output) && !isObj(rule.Output)) rule.Output = {};
        if ("Condition" in rule && typeof rule.Condition !== "string") rule.Condition = "{% true %}";
      }
    }
    for (const key of ["Catch"]) {
      if (Array.isArray(state[key])) for (const c of state[key] as unknown[]) if (isObj(c) && "Assign" in c) c.Assign = {};
    }
    if (typeof state.ToleratedFailurePercentage === "number")
      state.ToleratedFailurePercentage = Math.round(state.ToleratedFailurePercentage);
    const reader = isObj(state.ItemReader) && isObj(state.ItemReader.ReaderConfig) ? state.ItemReader.ReaderConfig : undefined;
    if (reader && typeof reader.MaxItems === "number" && reader.MaxItems < 1) reader.MaxItems = 1;
    if (Array.isArray(state.Branches)) for (const b of state.Branches) if (isObj(b)) neutraliseFalsePositives(b, stateJsonata);
    for (const key of ["ItemProcessor", "Iterator"]) if (isObj(state[key])) neutraliseFalsePositives(state[key] as Obj, stateJsonata);
  }
}

function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
}

/** Checks one state machine (the top level, a branch, a processor): its fields, states and transitions. */
function checkMachine(
  scope: DefinitionScope,
  prefix: string,
  language: string,
  issues: ValidationIssue[],
  fields: ReadonlySet<string>,
): void {
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const machine = scope.block;
  const states = machine.States;
  for (const key of Object.keys(machine)) if (!fields.has(key)) issues.push({ path: prefix, message: `Field '${key}' is not supported` });
  // AWS's wording and order: "These fields are required: [States, StartAt] at /".
  const missing = ["States", "StartAt"].filter((field) => machine[field] === undefined || machine[field] === null);
  if (missing.length > 0) issues.push({ path: prefix, message: `These fields are required: [${missing.join(", ")}]` });
  if (!isObj(states) || Object.keys(states).length === 0) {
    if (!missing.includes("States")) issues.push({ path: at("States"), message: "must be an object with at least one state" });
    return;
  }
  const names = new Set(scope.members.map((member) => member.name));
  if (!missing.includes("StartAt") && (typeof machine.StartAt !== "string" || !names.has(machine.StartAt))) {
    // AWS's words, for StartAt too: "MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /StartAt".
    issues.push({ path: at("StartAt"), code: "MISSING_TRANSITION_TARGET", message: `Missing 'Next' target: ${String(machine.StartAt)}` });
  }
  const edges = new Map<string, string[]>();
  for (const { name, state } of scope.members) {
    const path = at(`States.${name}`);
    if (!state) {
      issues.push({ path, message: "must be an object" });
      continue;
    }
    edges.set(name, checkState(state, path, names, language, issues));
  }
  const reached = new Set<string>();
  const queue = typeof machine.StartAt === "string" && names.has(machine.StartAt) ? [machine.StartAt] : [];
  while (queue.length) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    for (const next of edges.get(name) ?? []) if (names.has(next)) queue.push(next);
  }
  if (queue.length === 0 && reached.size > 0) {
    for (const name of names) {
      if (!reached.has(name))
        issues.push({ path: at(`States.${name}`), code: "MISSING_TRANSITION_TARGET", message: `State "${name}" is not reachable.` });
    }
  }
  // AWS: MISSING_END_STATE "Workflow has no terminal state" (no location) when no state ends the
  // machine, reachable or not; a terminal state nothing reaches is reported as unreachable instead.
  // Only when nothing else is wrong in this machine: a Next to a missing state or a state that
  // is no state may well have been meant to end it, and the real problem is that one.
  const terminal = scope.members.some((member) => member.state !== undefined && isTerminal(member.state));
  const inside = prefix ? `${prefix}.States.` : "States.";
  if (!terminal && !issues.some((i) => i.path.startsWith(inside))) {
    issues.push({ path: prefix, code: "MISSING_END_STATE", message: "Workflow has no terminal state" });
  }
}

/** Checks one state, and the state machines nested in it, and returns its transition targets. */
function checkState(
  model: DefinitionState,
  path: string,
  names: Set<string>,
  machineLanguage: string,
  issues: ValidationIssue[],
): string[] {
  const report = (field: string, message: string, code?: ValidationIssue["code"]) =>
    issues.push({ path: field ? `${path}.${field}` : path, message, ...(code ? { code } : {}) });
  const target = (field: string, value: unknown, targets: string[]) => {
    if (value === undefined || value === null) {
      // A rule or catcher without Next: name the missing field, not a state "undefined".
      const dot = field.lastIndexOf(".");
      report(dot < 0 ? "" : field.slice(0, dot), `These fields are required: [${field.slice(dot + 1)}]`);
    } else if (typeof value !== "string" || !names.has(value)) {
      // AWS: "MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next".
      report(field, `Missing 'Next' target: ${String(value)}`, "MISSING_TRANSITION_TARGET");
    } else targets.push(value);
  };
  const { name, def: state } = model;
  const targets: string[] = [];
  const type = state.Type;
  // AWS's wordings (LocalStack's AWS-recorded InvalidDefinition snapshots).
  if (type === undefined || type === null) report("", "These fields are required: [Type]");
  else if (typeof type !== "string" || !STATE_TYPES.has(type))
    report("Type", `The field 'Type' should have one of these values: [${[...STATE_TYPES].join(", ")}]`);
  if (type === "Task" && (state.Resource === undefined || state.Resource === null)) report("", "These fields are required: [Resource]");
  const language = state.QueryLanguage ?? machineLanguage;
  if (language !== "JSONPath" && language !== "JSONata") report("QueryLanguage", `must be "JSONPath" or "JSONata"`);
  else if (machineLanguage === "JSONata" && language === "JSONPath") {
    report("", "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
  }
  // AWS-measured (floci-io/floci#2968), at the state: "The QueryLanguage is set to 'JSONPath', but
  // field 'Output' is only supported for the 'JSONata' QueryLanguage"; the JSONata side in kind.
  const [forbidden, other] = language === "JSONata" ? [JSONPATH_ONLY, "JSONPath"] : [JSONATA_ONLY, "JSONata"];
  for (const field of forbidden) {
    if (field in state)
      report(
        "",
        `The QueryLanguage is set to '${String(language)}', but field '${field}' is only supported for the '${other}' QueryLanguage`,
      );
  }
  const supported = typeof type === "string" ? STATE_FIELDS[type] : undefined;
  if (supported) {
    for (const field of Object.keys(state)) {
      if (!supported.has(field) && !forbidden.includes(field)) report("", `Field '${field}' is not supported`);
    }
  }

  if (type === "Choice") {
    // AWS: "These fields are required: [...]" for a missing field, "Value cannot be empty" for an
    // empty list (recorded for Branches).
    if (state.Choices === undefined || state.Choices === null) report("", "These fields are required: [Choices]");
    else if (Array.isArray(state.Choices) && state.Choices.length === 0) report("Choices", "Value cannot be empty");
    else if (!Array.isArray(state.Choices)) report("Choices", "must be a non-empty array of rules");
    else
      state.Choices.forEach((rule, i) => {
        if (!isObj(rule)) return report(`Choices[${i}]`, "must be an object");
        target(`Choices[${i}].Next`, rule.Next, targets);
        if (language === "JSONata" && typeof rule.Condition !== "string" && typeof rule.Condition !== "boolean") {
          report(`Choices[${i}].Condition`, "a JSONata Choice rule needs a Condition");
        }
        if (language === "JSONPath") checkJsonPathRule(rule, `Choices[${i}]`, report);
        if (isObj(rule.Assign)) checkAssign(rule.Assign, `Choices[${i}].Assign`, language, report);
      });
    if ("Default" in state) target("Default", state.Default, targets);
  } else if (type !== "Succeed" && type !== "Fail" && typeof type === "string") {
    const hasNext = "Next" in state;
    const ends = state.End === true;
    if (hasNext === ends) report("", `must have exactly one of "Next" or "End": true`);
    if (hasNext) target("Next", state.Next, targets);
  }
  for (const [field, list] of [
    ["Retry", state.Retry],
    ["Catch", state.Catch],
  ] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      report(field, "must be an array");
      continue;
    }
    list.forEach((entry, i) => checkRetrier(field, entry, i, list.length, report, (f, v) => target(f, v, targets), language));
  }
  for (const field of ["Parameters", "ResultSelector", "ItemSelector", "Credentials"]) {
    if (language === "JSONPath" && isObj(state[field])) checkPayload(state[field], (message) => report(field, message));
  }
  if (type === "Wait") checkWait(name, state, language, report);
  checkNumberFields(state, report);
  if (type === "Map" && !isObj(state.ItemProcessor) && !isObj(state.Iterator)) {
    report("", `State "${name}" MUST contain exactly one of "ItemProcessor", "Iterator"`);
  }
  if (type === "Parallel" && Array.isArray(state.Branches) && state.Branches.length === 0) report("Branches", "Value cannot be empty");
  if (isObj(state.Assign)) checkAssign(state.Assign, "Assign", language, report);
  if (language === "JSONata") checkJsonataStrings(state, "", report);
  for (const inner of model.nested) {
    if (inner.field !== "Branches") checkMachine(inner.scope!, `${path}.${inner.field}`, String(language), issues, PROCESSOR_FIELDS);
    else if (inner.scope) checkMachine(inner.scope, `${path}.Branches[${inner.branch}]`, String(language), issues, BRANCH_FIELDS);
    else report(`Branches[${inner.branch}]`, "must be an object");
  }
  return targets;
}

const WAIT_FIELDS = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"];

/** Exactly one way to wait; a literal Timestamp must be RFC 3339 (AWS: "String does not match RFC3339 timestamp"). */
function checkWait(name: string, state: Obj, language: unknown, report: (field: string, message: string) => void): void {
  if (WAIT_FIELDS.filter((f) => f in state).length !== 1) {
    report("", `State "${name}" MUST contain exactly one of ${WAIT_FIELDS.map((f) => `"${f}"`).join(", ")}`);
  }
  const timestamp = state.Timestamp;
  if (typeof timestamp !== "string" || (language === "JSONata" && isJsonataTemplate(timestamp))) return;
  if (parseIsoTimestamp(timestamp) === undefined) report("Timestamp", "String does not match RFC3339 timestamp");
}

function checkRetrier(
  field: "Retry" | "Catch",
  entry: unknown,
  i: number,
  count: number,
  report: (field: string, message: string) => void,
  target: (field: string, value: unknown) => void,
  language: unknown,
): void {
  const at = `${field}[${i}]`;
  if (!isObj(entry)) return report(at, "must be an object");
  const errors = entry.ErrorEquals;
  if (!Array.isArray(errors) || errors.length === 0 || errors.some((e) => typeof e !== "string")) {
    report(`${at}.ErrorEquals`, "must be a non-empty array of error names");
  } else if (errors.includes("States.ALL") && (errors.length > 1 || i !== count - 1)) {
    report(`${at}.ErrorEquals`, `"States.ALL" must appear alone and in the last ${field === "Retry" ? "retrier" : "catcher"}`);
  }
  if (field === "Catch") {
    target(`${at}.Next`, entry.Next);
    if (isObj(entry.Assign)) checkAssign(entry.Assign, `${at}.Assign`, language, report);
    return;
  }
  const positiveInt = (key: string) => {
    if (key in entry && !(isInt(entry[key]) && (entry[key] as number) >= 1 && (entry[key] as number) <= 99999999)) {
      report(`${at}.${key}`, "must be a positive integer");
    }
  };
  positiveInt("IntervalSeconds");
  positiveInt("MaxDelaySeconds");
  if ("MaxAttempts" in entry && !(isInt(entry.MaxAttempts) && entry.MaxAttempts >= 0 && entry.MaxAttempts <= 99999999)) {
    report(`${at}.MaxAttempts`, "must be a non-negative integer");
  }
  if ("BackoffRate" in entry && !(typeof entry.BackoffRate === "number" && entry.BackoffRate >= 1)) {
    report(`${at}.BackoffRate`, "must be a number greater than or equal to 1.0");
  }
  if ("JitterStrategy" in entry && entry.JitterStrategy !== "FULL" && entry.JitterStrategy !== "NONE") {
    report(`${at}.JitterStrategy`, `must be "FULL" or "NONE"`);
  }
}

/**
 * `.$` fields of a payload template. AWS locates the finding at the template's field, naming the
 * key: "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function
 * call at /States/IntrinsicEscape/Parameters" (LocalStack's AWS-recorded snapshots).
 */
function checkPayload(template: unknown, report: (message: string) => void): void {
  if (Array.isArray(template)) return template.forEach((item) => checkPayload(item, report));
  if (!isObj(template)) return;
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith(".$")) {
      checkPayload(value, report);
      continue;
    }
    const problem = payloadPathProblem(value);
    if (problem !== null) report(`The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call${problem}`);
  }
}

/** null when `value` is a usable `.$` value; otherwise a detail suffix for the message. */
function payloadPathProblem(value: unknown): string | null {
  if (typeof value !== "string") return "";
  if (isIntrinsicCall(value)) {
    try {
      parseIntrinsic(value);
      return null;
    } catch (error) {
      return ` (${(error as Error).message})`;
    }
  }
  return value.startsWith("$") ? null : "";
}

function checkAssign(assign: Obj, at: string, language: unknown, report: (field: string, message: string) => void): void {
  for (const [key, value] of Object.entries(assign)) {
    const name = language === "JSONPath" && key.endsWith(".$") ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name) || name === "states") report(`${at}.${key}`, `"${name}" is not a valid variable name`);
    if (language === "JSONPath") checkPayload({ [key]: value }, (message) => report(at, message));
  }
}

function checkJsonataStrings(
  value: unknown,
  at: string,
  report: (field: string, message: string, code?: ValidationIssue["code"]) => void,
): void {
  if (typeof value === "string") {
    if (!isJsonataTemplate(value)) return;
    try {
      for (const name of topLevelReferences(jsonata(value.slice(2, -2)).ast())) {
        report(at, `Reference to '${name}' at the top level is not supported.`, "UNSUPPORTED_JSONATA_EXPRESSION");
      }
    } catch (error) {
      // AWS: "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output", the
      // parser's message without its code (AWS-measured, floci-io/floci#2745).
      report(at, (error as { message?: string }).message ?? String(error), "INVALID_JSONATA_EXPRESSION");
    }
    return;
  }
  if (Array.isArray(value)) return value.forEach((item, i) => checkJsonataStrings(item, `${at}[${i}]`, report));
  if (!isObj(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (at === "" && (key === "Branches" || key === "ItemProcessor" || key === "Iterator")) continue;
    checkJsonataStrings(item, at ? `${at}.${key}` : key, report);
  }
}
