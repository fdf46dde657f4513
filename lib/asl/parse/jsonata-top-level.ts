/** The parts of a jsonata AST node this walk reads. */
interface Node {
  type?: string;
  value?: unknown;
  steps?: Node[];
  lhs?: Node | [Node, Node][];
  rhs?: Node;
  expression?: Node;
  expressions?: Node[];
  arguments?: Node[];
  condition?: Node;
  then?: Node;
  else?: Node;
}

/**
 * The names an expression reads from the context item at its top level (`phone`,
 * `{"a": phone}`, `$count(phone)`). Step Functions evaluates JSONata with no context item, so AWS
 * refuses such a definition: "UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the top
 * level is not supported. at /States/E/Output/v" (AWS-measured, floci-io/floci#2670). Names
 * after a path's first step, in predicates and in lambda bodies are relative to something else
 * and are left alone, so this finds only the sure cases.
 */
export function topLevelReferences(ast: unknown): string[] {
  const names = new Set<string>();
  walk(ast as Node, names);
  return [...names];
}

function walk(node: Node | undefined, names: Set<string>): void {
  if (!node || typeof node !== "object") return;
  switch (node.type) {
    case "name":
      names.add(String(node.value));
      return;
    case "path": {
      const first = node.steps?.[0];
      if (first?.type === "name") names.add(String(first.value));
      else walk(first, names);
      return;
    }
    case "binary":
    case "apply":
      walk(node.lhs as Node, names);
      walk(node.rhs, names);
      return;
    case "bind":
      walk(node.rhs, names);
      return;
    case "unary":
      if (node.value === "{" && Array.isArray(node.lhs)) {
        for (const [key, value] of node.lhs) {
          walk(key, names);
          walk(value, names);
        }
      } else if (node.value === "[") node.expressions?.forEach((e) => walk(e, names));
      else walk(node.expression, names);
      return;
    case "function":
    case "partial":
      node.arguments?.forEach((a) => walk(a, names));
      return;
    case "condition":
      walk(node.condition, names);
      walk(node.then, names);
      walk(node.else, names);
      return;
    case "block":
      node.expressions?.forEach((e) => walk(e, names));
      return;
    default:
      return;
  }
}
