/** jsonata's AST node, as `expression.ast()` returns it (only the fields read here). */
export interface Node {
  type: string;
  value?: unknown;
  position?: number;
  steps?: Node[];
  stages?: Node[];
  predicate?: Node[];
  expr?: Node;
  lhs?: Node | Node[][];
  rhs?: Node;
  expression?: Node;
  expressions?: Node[];
  arguments?: Node[];
  procedure?: Node;
  condition?: Node;
  then?: Node;
  else?: Node;
}

/** Keys each node type may carry; any other key (grouping, focus, keepArray, ...) is unsupported. */
const ALLOWED_KEYS: Record<string, readonly string[]> = {
  string: ["type", "value", "position"],
  number: ["type", "value", "position"],
  value: ["type", "value", "position"],
  variable: ["type", "value", "position", "predicate"],
  name: ["type", "value", "position", "stages"],
  path: ["type", "steps"],
  binary: ["type", "value", "position", "lhs", "rhs"],
  unary: ["type", "value", "position", "expression", "expressions", "lhs"],
  function: ["type", "value", "position", "arguments", "procedure", "name", "predicate"],
  condition: ["type", "position", "condition", "then", "else"],
  block: ["type", "position", "expressions", "predicate"],
  bind: ["type", "value", "position", "lhs", "rhs"],
  filter: ["type", "expr", "position"],
};

/** Thrown while compiling: the expression is outside the subset. */
export class Unsupported extends Error {}

export function unsupported(): never {
  throw new Unsupported();
}

/** Rejects node types and flags (grouping, focus, keepArray, ...) the subset does not model. */
export function check(node: Node): void {
  const allowed = ALLOWED_KEYS[node.type];
  if (!allowed) unsupported();
  for (const key of Object.keys(node)) {
    if (!allowed.includes(key) && (node as unknown as Record<string, unknown>)[key] !== undefined) unsupported();
  }
}

/** Names bound by `:=` anywhere in the expression: their lookups go through the frames. */
export function boundNames(node: unknown, names: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) boundNames(item, names);
  else if (node && typeof node === "object") {
    const record = node as Node;
    if (record.type === "bind") names.add(String((record.lhs as Node).value));
    for (const value of Object.values(record)) if (value && typeof value === "object") boundNames(value, names);
  }
  return names;
}
