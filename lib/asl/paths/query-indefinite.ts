import { JSONPath } from "jsonpath-plus";

/**
 * Indefinite JSONPath queries (wildcards, slices, filters, `..`, unions) go to jsonpath-plus.
 * Like Jayway (which AWS uses), they always yield a list: empty when nothing matches, never an error.
 */
export function queryIndefinite(path: string, data: unknown): unknown[] {
  if (typeof data !== "object" || data === null) return [];
  const result = JSONPath({ path, json: data as object, wrap: true, resultType: "value", eval: "safe" });
  return Array.isArray(result) ? result : [];
}
