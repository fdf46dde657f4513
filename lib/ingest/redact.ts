import { JSONPath } from "jsonpath-plus";
import type { EventDetails, HistoryEvent } from "../asl/history/types";
import { cloneJson } from "../json/clone-json";
import { stringifyJson } from "../asl/evaluate/stringify-json";
import type { IngestedExecution, IngestSink } from "./types";

export const REDACTED = "[REDACTED]";
const TEXT_FIELDS = ["input", "output", "parameters", "result", "cause"];

/** Checks redaction paths once (they must be JSONPath starting at `$`). */
export function validateRedactPaths(paths: readonly string[]): string[] {
  return paths.map((path) => {
    const trimmed = path.trim();
    if (!trimmed.startsWith("$"))
      throw new Error(`redaction path ${JSON.stringify(path)} must start with "$" (e.g. $.card.number, $..password)`);
    try {
      JSONPath({ path: trimmed, json: {}, wrap: true });
    } catch (error) {
      throw new Error(`redaction path ${JSON.stringify(path)} is not valid JSONPath: ${(error as Error).message}`);
    }
    return trimmed;
  });
}

/**
 * Replaces every value the paths select with "[REDACTED]" in the execution's input, output and
 * cause and in every JSON-text payload of every event (input, output, parameters, result, cause,
 * assignedVariables). Text that looks like JSON but does not parse (a truncated payload) cannot be
 * searched, so it is redacted whole. Returns a new execution; the argument is not changed.
 */
export function redactExecution(execution: IngestedExecution, paths: readonly string[]): IngestedExecution {
  if (paths.length === 0) return execution;
  return {
    ...execution,
    input: redactText(execution.input, paths),
    output: redactText(execution.output, paths),
    cause: redactText(execution.cause, paths),
    events: execution.events.map((event) => redactEvent(event, paths)),
  };
}

/** A sink that redacts every execution before handing it on. */
export function withRedaction(sink: IngestSink, paths: readonly string[]): IngestSink {
  if (paths.length === 0) return sink;
  const checked = validateRedactPaths(paths);
  return {
    saveExecution: (execution) => sink.saveExecution(redactExecution(execution, checked)),
    saveExecutions: sink.saveExecutions && ((executions) => sink.saveExecutions!(executions.map((e) => redactExecution(e, checked)))),
    getExecutionState: (arn) => sink.getExecutionState(arn),
    getCursor: (key) => sink.getCursor(key),
    setCursor: (key, value) => sink.setCursor(key, value),
  };
}

function redactEvent(event: HistoryEvent, paths: readonly string[]): HistoryEvent {
  const out: HistoryEvent = { ...event };
  for (const key of Object.keys(event)) {
    if (!key.endsWith("EventDetails")) continue;
    const details = event[key as `${string}EventDetails`];
    if (!details) continue;
    const copy: EventDetails = { ...details };
    for (const field of TEXT_FIELDS) {
      if (typeof copy[field] === "string") copy[field] = redactText(copy[field] as string, paths);
    }
    if (copy.assignedVariables && typeof copy.assignedVariables === "object") {
      copy.assignedVariables = redactVariables(copy.assignedVariables as Record<string, unknown>, paths);
    }
    out[key as `${string}EventDetails`] = copy;
  }
  return out;
}

/** Variables are matched as one object `{name: value}`, so `$..password` and `$.card.number` both work. */
function redactVariables(variables: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(variables)) {
    const value = typeof text === "string" ? tryParse(text) : { ok: true as const, value: cloneJson(text) };
    parsed[name] = value.ok ? value.value : REDACTED;
  }
  const before = Object.fromEntries(Object.entries(parsed).map(([name, value]) => [name, stringifyJson(value)]));
  const { changed, value } = applyPaths(parsed, paths);
  if (!changed) return variables;
  const result = value === REDACTED ? {} : (value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(variables)) {
    const after = stringifyJson(name in result ? result[name] : REDACTED);
    out[name] = after === before[name] ? variables[name] : after;
  }
  return out;
}

export function redactText(text: string | null, paths: readonly string[]): string | null {
  if (text === null || paths.length === 0) return text;
  const parsed = tryParse(text);
  if (!parsed.ok) return /^\s*[[{]/.test(text) ? JSON.stringify(REDACTED) : text;
  if (parsed.value === null || typeof parsed.value !== "object") return text;
  const { changed, value } = applyPaths(parsed.value, paths);
  return changed ? (stringifyJson(value) ?? text) : text;
}

function applyPaths(root: unknown, paths: readonly string[]): { changed: boolean; value: unknown } {
  let value = root;
  let changed = false;
  for (const path of paths) {
    let matches: { parent: Record<string, unknown> | unknown[] | null; parentProperty: string | number | null; value: unknown }[];
    try {
      matches = JSONPath({ path, json: value as object, resultType: "all", wrap: true });
    } catch (error) {
      // jsonpath-plus recurses: a payload nested thousands of levels deep overflows its `..`.
      // What it would have matched cannot be told, so the whole payload goes (fail closed).
      if (error instanceof RangeError) return { changed: true, value: REDACTED };
      throw error;
    }
    for (const match of matches) {
      if (match.value === REDACTED) continue;
      if (match.parent === null || match.parentProperty === null) {
        value = REDACTED;
      } else {
        (match.parent as Record<string | number, unknown>)[match.parentProperty] = REDACTED;
      }
      changed = true;
    }
  }
  return { changed, value };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
