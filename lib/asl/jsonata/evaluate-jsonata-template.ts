import { fastScopeOf, prepareJsonata, runPreparedJsonata, type PreparedJsonata } from "./evaluate-jsonata";
import type { FastScope } from "./fast/fast-path";
import type { JsonataBindings } from "./jsonata-bindings";

/** A string that is exactly one `{% ... %}` expression (no leading/trailing text or spaces). */
export function isJsonataTemplate(value: unknown): value is string {
  return typeof value === "string" && value.length >= 4 && value.startsWith("{%") && value.endsWith("%}");
}

function join(parent: string | undefined, key: string): string {
  return parent === undefined || parent === "" ? key : `${parent}/${key}`;
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** A template compiled for one field: how to build its value (literal parts are kept as they are). */
type Template =
  | { kind: "literal"; value: unknown }
  | { kind: "expression"; prepared: PreparedJsonata; field: string | undefined }
  | { kind: "array"; items: Template[] }
  | { kind: "object"; keys: string[]; values: Template[] };

function compile(value: unknown, field: string | undefined): Template {
  if (typeof value === "string") {
    return isJsonataTemplate(value)
      ? { kind: "expression", prepared: prepareJsonata(value.slice(2, -2)), field }
      : { kind: "literal", value };
  }
  if (typeof value !== "object" || value === null) return { kind: "literal", value };
  if (Array.isArray(value)) {
    const items = value.map((item, i) => compile(item, join(field, String(i))));
    return items.every((t) => t.kind === "literal") ? { kind: "literal", value } : { kind: "array", items };
  }
  const keys = Object.keys(value);
  const values = keys.map((key) => compile((value as Record<string, unknown>)[key], join(field, key)));
  return values.every((t) => t.kind === "literal") ? { kind: "literal", value } : { kind: "object", keys, values };
}

/** Compiled templates per definition object (and per field, since error locations name it). */
const objectTemplates = new WeakMap<object, { field: string | undefined; template: Template }>();
const stringTemplates = new Map<string, PreparedJsonata>();
const STRING_CACHE_LIMIT = 5_000;

function templateOf(value: unknown, field: string | undefined): Template {
  if (typeof value === "string") {
    if (!isJsonataTemplate(value)) return { kind: "literal", value };
    let prepared = stringTemplates.get(value);
    if (!prepared) {
      if (stringTemplates.size >= STRING_CACHE_LIMIT) stringTemplates.clear();
      prepared = prepareJsonata(value.slice(2, -2));
      stringTemplates.set(value, prepared);
    }
    return { kind: "expression", prepared, field };
  }
  if (typeof value !== "object" || value === null) return { kind: "literal", value };
  const hit = objectTemplates.get(value);
  if (hit && hit.field === field) return hit.template;
  const template = compile(value, field);
  objectTemplates.set(value, { field, template });
  return template;
}

interface Run {
  bindings: JsonataBindings;
  scope: FastScope | undefined;
}

function build(template: Template, run: Run): unknown {
  switch (template.kind) {
    case "literal":
      return template.value;
    case "expression":
      return runPreparedJsonata(template.prepared, run.bindings, template.field, (run.scope ??= fastScopeOf(run.bindings)));
    case "array": {
      const out: unknown[] = new Array(template.items.length);
      for (let i = 0; i < out.length; i++) {
        const value = build(template.items[i], run);
        if (isPromise(value)) return finishAsync(template.items, run, i, value, (j, v) => (out[j] = v), out);
        out[i] = value;
      }
      return out;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const { keys, values } = template;
      for (let i = 0; i < keys.length; i++) {
        const value = build(values[i], run);
        if (isPromise(value)) return finishAsync(values, run, i, value, (j, v) => setMember(out, keys[j], v), out);
        setMember(out, keys[i], value);
      }
      return out;
    }
  }
}

function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Goes on once a part needs jsonata (a promise): the remaining parts follow in order. */
async function finishAsync(
  parts: Template[],
  run: Run,
  from: number,
  pending: Promise<unknown>,
  put: (index: number, value: unknown) => void,
  out: unknown,
): Promise<unknown> {
  put(from, await pending);
  for (let i = from + 1; i < parts.length; i++) put(i, await build(parts[i], run));
  return out;
}

/**
 * Replaces every `{% ... %}` string inside `value` by its JSONata result; other values are kept
 * (template-free subtrees are returned as they are). Synchronous when every expression ran in
 * the fast evaluator, a promise otherwise; errors are thrown (or rejected) as
 * States.QueryEvaluationError with the location built from `field` and the keys on the way:
 * `{Output: {result: "{% $x %}"}}` fails at `Output/result`.
 */
export function runJsonataTemplate(value: unknown, bindings: JsonataBindings, field?: string): unknown {
  return build(templateOf(value, field), { bindings, scope: undefined });
}

/** `runJsonataTemplate`, always as a promise. */
export async function evaluateJsonataTemplate(value: unknown, bindings: JsonataBindings, field?: string): Promise<unknown> {
  return runJsonataTemplate(value, bindings, field);
}
