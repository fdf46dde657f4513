import { MockConfigError } from "./mock-config-error";

/** What one mocked invocation does: return a result or fail with an error. */
export type MockResponse = { type: "return"; value: unknown } | { type: "throw"; error: string; cause: string };

/** One entry of a mocked response: the invocation numbers `from..to` (inclusive, 0-based) it answers. */
export interface MockResponseStep {
  key: string;
  from: number;
  to: number;
  response: MockResponse;
}

/** A validated Step Functions Local mock configuration (`MockConfigFile.json`). */
export interface MockConfig {
  /** State machine name -> test case name -> (state name -> mocked response name). */
  stateMachines: Record<string, Record<string, Record<string, string>>>;
  /** Mocked response name -> its steps, sorted by invocation number. */
  mockedResponses: Record<string, MockResponseStep[]>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "an array" : `a ${typeof v}`);
const at = (base: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`);

const STEP_KEY = /^(\d+)(?:-(\d+))?$/;

function parseResponse(where: string, raw: unknown, issues: string[]): MockResponse | undefined {
  if (!isObject(raw)) {
    issues.push(`${where}: must be an object with "Return" or "Throw", got ${describe(raw)}`);
    return undefined;
  }
  const keys = Object.keys(raw);
  const unknown = keys.filter((k) => k !== "Return" && k !== "Throw");
  if (unknown.length) issues.push(`${where}: unknown field ${unknown.map((k) => `"${k}"`).join(", ")} (expected "Return" or "Throw")`);
  const hasReturn = "Return" in raw;
  const hasThrow = "Throw" in raw;
  if (hasReturn === hasThrow) {
    issues.push(`${where}: must contain exactly one of "Return" or "Throw"`);
    return undefined;
  }
  if (hasReturn) return { type: "return", value: raw.Return };
  const thrown = raw.Throw;
  if (!isObject(thrown)) {
    issues.push(`${where}.Throw: must be an object with "Error" and "Cause" strings, got ${describe(thrown)}`);
    return undefined;
  }
  let ok = true;
  for (const field of ["Error", "Cause"] as const) {
    if (typeof thrown[field] !== "string") {
      issues.push(`${where}.Throw.${field}: must be a string, got ${field in thrown ? describe(thrown[field]) : "nothing"}`);
      ok = false;
    }
  }
  return ok ? { type: "throw", error: thrown.Error as string, cause: thrown.Cause as string } : undefined;
}

function parseSteps(name: string, raw: unknown, issues: string[]): MockResponseStep[] {
  const where = at("MockedResponses", name);
  if (!isObject(raw)) {
    issues.push(`${where}: must be an object keyed by invocation numbers ("0", "1-2"), got ${describe(raw)}`);
    return [];
  }
  const steps: MockResponseStep[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const stepWhere = at(where, key);
    const m = STEP_KEY.exec(key);
    if (!m) {
      issues.push(`${stepWhere}: invocation key must be a number like "0" or an inclusive range like "1-2"`);
      continue;
    }
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) {
      issues.push(`${stepWhere}: range end ${to} is before its start ${from}`);
      continue;
    }
    const response = parseResponse(stepWhere, value, issues);
    if (response) steps.push({ key, from, to, response });
  }
  steps.sort((a, b) => a.from - b.from);
  for (let i = 1; i < steps.length; i++) {
    if (steps[i].from <= steps[i - 1].to) {
      issues.push(`${where}: invocation keys "${steps[i - 1].key}" and "${steps[i].key}" overlap`);
    }
  }
  return steps;
}

function parseStateMachines(raw: unknown, issues: string[]): MockConfig["stateMachines"] {
  const machines: MockConfig["stateMachines"] = {};
  if (!isObject(raw)) {
    issues.push(`StateMachines: must be an object keyed by state machine name, got ${describe(raw)}`);
    return machines;
  }
  for (const [machine, body] of Object.entries(raw)) {
    const where = at("StateMachines", machine);
    if (!isObject(body) || !isObject(body.TestCases)) {
      issues.push(`${where}: must be an object with a "TestCases" object`);
      continue;
    }
    const extra = Object.keys(body).filter((k) => k !== "TestCases");
    if (extra.length) issues.push(`${where}: unknown field ${extra.map((k) => `"${k}"`).join(", ")} (only "TestCases")`);
    machines[machine] = {};
    for (const [testCase, mapping] of Object.entries(body.TestCases)) {
      const caseWhere = at(`${where}.TestCases`, testCase);
      if (!isObject(mapping)) {
        issues.push(`${caseWhere}: must map state names to mocked response names, got ${describe(mapping)}`);
        continue;
      }
      const states: Record<string, string> = {};
      for (const [state, response] of Object.entries(mapping)) {
        if (typeof response !== "string") issues.push(`${at(caseWhere, state)}: must be a mocked response name, got ${describe(response)}`);
        else states[state] = response;
      }
      machines[machine][testCase] = states;
    }
  }
  return machines;
}

/**
 * Parses and validates a Step Functions Local mock configuration (JSON text or an already
 * parsed value). Throws a MockConfigError listing every problem: unknown top-level fields,
 * malformed invocation keys or overlapping ranges, entries without exactly one of
 * Return/Throw, Throw without string Error and Cause, and test cases naming a mocked response
 * that does not exist. A mocked response with no entries is accepted: like Step Functions
 * Local, it only fails the state that uses it, at run time.
 */
export function parseMockConfig(input: unknown): MockConfig {
  let raw = input;
  if (typeof input === "string") {
    try {
      raw = JSON.parse(input);
    } catch (error) {
      throw new MockConfigError([`not valid JSON (${(error as Error).message})`]);
    }
  }
  const issues: string[] = [];
  if (!isObject(raw)) throw new MockConfigError([`the configuration must be a JSON object, got ${describe(raw)}`]);
  const extra = Object.keys(raw).filter((k) => k !== "StateMachines" && k !== "MockedResponses");
  if (extra.length)
    issues.push(`unknown top-level field ${extra.map((k) => `"${k}"`).join(", ")} (expected "StateMachines" and "MockedResponses")`);
  if (!("StateMachines" in raw)) issues.push(`StateMachines: missing`);
  if (!("MockedResponses" in raw)) issues.push(`MockedResponses: missing`);
  const stateMachines = "StateMachines" in raw ? parseStateMachines(raw.StateMachines, issues) : {};
  const mockedResponses: MockConfig["mockedResponses"] = {};
  if ("MockedResponses" in raw) {
    if (!isObject(raw.MockedResponses)) issues.push(`MockedResponses: must be an object, got ${describe(raw.MockedResponses)}`);
    else for (const [name, steps] of Object.entries(raw.MockedResponses)) mockedResponses[name] = parseSteps(name, steps, issues);
  }
  if (isObject(raw.MockedResponses)) {
    for (const [machine, cases] of Object.entries(stateMachines)) {
      for (const [testCase, states] of Object.entries(cases)) {
        for (const [state, response] of Object.entries(states)) {
          if (!(response in (raw.MockedResponses as Json))) {
            issues.push(
              `${at(at(at("StateMachines", machine) + ".TestCases", testCase), state)}: mocked response "${response}" is not defined in MockedResponses`,
            );
          }
        }
      }
    }
  }
  if (issues.length) throw new MockConfigError(issues);
  return { stateMachines, mockedResponses };
}
