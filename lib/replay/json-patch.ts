import { cloneJson } from "../json/clone-json";
import { sameJson } from "./payload";

/** One RFC 6902 operation. */
export type JsonPatchOperation =
  | { op: "add" | "replace" | "test"; path: string; value: unknown }
  | { op: "remove"; path: string }
  | { op: "move" | "copy"; from: string; path: string };

export class JsonPatchError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(`patch operation ${index}: ${message}`);
    this.name = "JsonPatchError";
  }
}

type Container = Record<string, unknown> | unknown[];
const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

/** Checks that `value` is a list of RFC 6902 operations; returns an error message per bad one. */
export function patchIssues(value: unknown): string[] {
  if (!Array.isArray(value)) return ["a JSON Patch is an array of operations"];
  const issues: string[] = [];
  value.forEach((op, i) => {
    const o = op as Record<string, unknown> | null;
    if (typeof o !== "object" || o === null || Array.isArray(o)) issues.push(`${i}: not an object`);
    else if (typeof o.op !== "string" || !OPS.has(o.op)) issues.push(`${i}: "op" must be one of ${[...OPS].join(", ")}`);
    else if (typeof o.path !== "string") issues.push(`${i}: "path" must be a JSON Pointer string`);
    else if ((o.op === "move" || o.op === "copy") && typeof o.from !== "string") issues.push(`${i}: "from" must be a JSON Pointer string`);
    else if ((o.op === "add" || o.op === "replace" || o.op === "test") && !("value" in o)) issues.push(`${i}: "value" is missing`);
  });
  return issues;
}

/** `/a/b~1c/0` -> ["a", "b/c", "0"] (RFC 6901). */
function tokens(pointer: string, index: number): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new JsonPatchError(index, `"${pointer}" is not a JSON Pointer (it must start with "/")`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function arrayIndex(array: unknown[], token: string, index: number, forAdd: boolean): number {
  if (forAdd && token === "-") return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new JsonPatchError(index, `"${token}" is not an array index`);
  const i = Number(token);
  if (i > array.length || (!forAdd && i === array.length)) throw new JsonPatchError(index, `array index ${i} is out of bounds`);
  return i;
}

/** The container holding the pointer's last token, and that token. */
function locate(doc: unknown, path: string[], index: number, pointer: string): [Container, string] {
  let node = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const token = path[i];
    if (Array.isArray(node)) node = node[arrayIndex(node, token, index, false)];
    else if (typeof node === "object" && node !== null && Object.hasOwn(node, token)) node = (node as Record<string, unknown>)[token];
    else throw new JsonPatchError(index, `path "${pointer}" does not exist`);
  }
  if (typeof node !== "object" || node === null) throw new JsonPatchError(index, `path "${pointer}" does not exist`);
  return [node as Container, path[path.length - 1]];
}

function read(doc: unknown, pointer: string, index: number): unknown {
  const path = tokens(pointer, index);
  if (path.length === 0) return doc;
  const [parent, last] = locate(doc, path, index, pointer);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, index, false)];
  if (!Object.hasOwn(parent, last)) throw new JsonPatchError(index, `path "${pointer}" does not exist`);
  return parent[last];
}

function add(doc: unknown, pointer: string, value: unknown, index: number): unknown {
  const path = tokens(pointer, index);
  if (path.length === 0) return value;
  const [parent, last] = locate(doc, path, index, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, index, true), 0, value);
  else parent[last] = value;
  return doc;
}

function remove(doc: unknown, pointer: string, index: number): unknown {
  const path = tokens(pointer, index);
  if (path.length === 0) return undefined;
  const [parent, last] = locate(doc, path, index, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, index, false), 1);
  else if (!Object.hasOwn(parent, last)) throw new JsonPatchError(index, `path "${pointer}" does not exist`);
  else delete parent[last];
  return doc;
}

function replace(doc: unknown, pointer: string, value: unknown, index: number): unknown {
  read(doc, pointer, index);
  const path = tokens(pointer, index);
  if (path.length === 0) return value;
  const [parent, last] = locate(doc, path, index, pointer);
  if (Array.isArray(parent)) parent[arrayIndex(parent, last, index, false)] = value;
  else parent[last] = value;
  return doc;
}

const clone = (value: unknown): unknown => (value === undefined ? undefined : cloneJson(value));

/**
 * Applies an RFC 6902 JSON Patch to a copy of `document` and returns the result; the original
 * is left alone. Operations apply in order; any failing one (a missing path, a failed `test`)
 * throws a JsonPatchError naming it, and nothing is returned.
 */
export function applyJsonPatch(document: unknown, operations: readonly JsonPatchOperation[]): unknown {
  const issues = patchIssues(operations);
  if (issues.length) throw new JsonPatchError(Number.parseInt(issues[0], 10) || 0, issues[0].replace(/^\d+: /, ""));
  let doc = clone(document);
  operations.forEach((op, i) => {
    switch (op.op) {
      case "add":
        doc = add(doc, op.path, clone(op.value), i);
        break;
      case "remove":
        doc = remove(doc, op.path, i);
        break;
      case "replace":
        doc = replace(doc, op.path, clone(op.value), i);
        break;
      case "move": {
        if (op.path.startsWith(`${op.from}/`)) throw new JsonPatchError(i, `cannot move "${op.from}" into its own child "${op.path}"`);
        const value = read(doc, op.from, i);
        doc = add(remove(doc, op.from, i), op.path, value, i);
        break;
      }
      case "copy":
        doc = add(doc, op.path, clone(read(doc, op.from, i)), i);
        break;
      case "test":
        if (!sameJson(op.value, read(doc, op.path, i))) throw new JsonPatchError(i, `test failed: the value at "${op.path}" differs`);
        break;
    }
  });
  return doc;
}
