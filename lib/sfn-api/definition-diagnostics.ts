import { DefinitionError, validateDefinition, type ValidationIssue } from "../asl";
import { indexObject, statePointer, type DefinitionIndex } from "../asl/definition/definition-model";
import { parseDefinition } from "../asl/parse/parse-definition";
import type { StateMachineType } from "./sfn-types";

/** One finding, shaped as ValidateStateMachineDefinition's `diagnostics` items. */
export interface Diagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  /** A JSON pointer into the definition (`/States/A/Next`), or the parser's position. */
  location?: string;
}

/**
 * Everything wrong with a definition, as AWS reports it (AWS-recorded shapes in LocalStack's
 * tests/aws/services/stepfunctions/v2/test_sfn_api_validation.snapshot.json): a blank text is
 * "Definition must be a valid JSON object" (no location); unparsable JSON is
 * INVALID_JSON_DESCRIPTION with the parser's position; then asl-validator + the semantic checks
 * (lib/asl validateDefinition), the engine's own parse, and Express's integration limits, each
 * SCHEMA_VALIDATION_FAILED at a pointer. Empty when the definition is valid.
 */
export function definitionDiagnostics(text: string, type: StateMachineType): Diagnostic[] {
  if (text.trim() === "") return [error("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object")];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (thrown) {
    const message = (thrown as Error).message;
    return [error("INVALID_JSON_DESCRIPTION", message, jsonPosition(text, message))];
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return [error("SCHEMA_VALIDATION_FAILED", "Definition must be a valid JSON object")];
  }
  // One definition model for the checks, the engine's parse and the Express limits.
  const index = indexObject(parsed as Record<string, unknown>);
  const issues = validateDefinition(index);
  if (issues.length > 0) return issueDiagnostics(issues);
  try {
    parseDefinition(index);
  } catch (thrown) {
    if (thrown instanceof DefinitionError) {
      const message = thrown.path ? thrown.message.slice(thrown.path.length + 2) : thrown.message;
      return [error("SCHEMA_VALIDATION_FAILED", message, pointer(thrown.path))];
    }
    throw thrown;
  }
  return type === "EXPRESS" ? expressUnsupported(index) : [];
}

/**
 * validateDefinition's findings as diagnostics: AWS's code (SCHEMA_VALIDATION_FAILED unless the
 * finding names another) and the JSON pointer of the field; MISSING_END_STATE has no location.
 */
export function issueDiagnostics(issues: ValidationIssue[]): Diagnostic[] {
  return issues.map((i) =>
    i.code === "MISSING_END_STATE" ? error(i.code, i.message) : error(i.code ?? "SCHEMA_VALIDATION_FAILED", i.message, pointer(i.path)),
  );
}

/**
 * CreateStateMachine's message: the findings joined by ", " inside one pair of quotes, each
 * `CODE: message at /pointer`, as AWS writes them ("Invalid State Machine Definition:
 * 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next,
 * MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'", AWS output quoted
 * in localstack/localstack#11978 and serverless-step-functions#250). MISSING_END_STATE, which has
 * no location, ends "at null" (AWS-measured in floci-io/floci#2735).
 */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  const items = diagnostics.map((d) => {
    if (d.code === "MISSING_END_STATE" && d.location === undefined) return `${d.code}: ${d.message} at null`;
    return d.location && d.location.startsWith("/") ? `${d.code}: ${d.message} at ${d.location}` : `${d.code}: ${d.message}`;
  });
  return `Invalid State Machine Definition: '${items.join(", ")}'`;
}

/** `line: L, column: C` of a JSON.parse failure that names its offset (AWS gives the parser's position too). */
function jsonPosition(text: string, message: string): string | undefined {
  const offset = /at position (\d+)/.exec(message);
  if (!offset) return undefined;
  const before = text.slice(0, Number(offset[1]));
  const line = before.split("\n").length;
  return `line: ${line}, column: ${before.length - before.lastIndexOf("\n")}`;
}

function error(code: string, message: string, location?: string): Diagnostic {
  return location === undefined ? { severity: "ERROR", code, message } : { severity: "ERROR", code, message, location };
}

/** `States.P.Branches[0].States.X` -> `/States/P/Branches[0]/States/X`; "" -> `/`. */
function pointer(path: string): string {
  return `/${path.replace(/\.(?![^[]*\])/g, "/")}`;
}

/**
 * Express workflows support neither `.sync` / `.waitForTaskToken` integrations nor activities.
 * AWS's `.waitForTaskToken` message ends in a space (hence "integration  at" in InvalidDefinition).
 */
function expressUnsupported(index: DefinitionIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const state of index.states.values()) {
    const resource = state.resource;
    if (resource === undefined) continue;
    const at = `${statePointer(index, state)}/Resource`;
    if (resource.pattern !== "request-response") {
      const suffix = resource.pattern === "wait-for-task-token" ? "waitForTaskToken" : /\.(sync(?::\d+)?)$/.exec(resource.arn)![1];
      const tail = resource.pattern === "wait-for-task-token" ? " " : "";
      out.push(error("SCHEMA_VALIDATION_FAILED", `Express state machine does not support '.${suffix}' service integration${tail}`, at));
    }
    if (resource.kind === "activity")
      out.push(error("SCHEMA_VALIDATION_FAILED", "Express state machine does not support Activity ARN", at));
  }
  return out;
}
