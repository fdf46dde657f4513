import { StatesError } from "../../errors";
import { toJson } from "../payload";
import type { TaskResource } from "../../definition/task-resource";

/** API Gateway fields that must map names to lists of strings (`{"h": ["v1", "v2"]}`). */
const API_GATEWAY_MULTI_VALUE_FIELDS = ["Headers", "QueryParameters"];

function isMultiValueMap(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const entry of Object.values(value)) {
    if (!Array.isArray(entry) || entry.some((item) => typeof item !== "string")) return false;
  }
  return true;
}

/**
 * The request checks AWS makes before it starts an optimised integration: a request it cannot
 * send fails the execution with States.Runtime before TaskScheduled, e.g. API Gateway
 * `Headers: {"h": "v"}`: "The Parameters '<json>' could not be used to start the Task: [The value
 * of the field 'Headers' has an invalid format]". `field` is Parameters (JSONPath) or Arguments.
 */
export function checkServiceParameters(resource: TaskResource, parameters: unknown, field: string): void {
  if (resource.resourceType !== "apigateway" || typeof parameters !== "object" || parameters === null) return;
  const record = parameters as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of API_GATEWAY_MULTI_VALUE_FIELDS) {
    if (record[name] !== undefined && !isMultiValueMap(record[name]))
      problems.push(`The value of the field '${name}' has an invalid format`);
  }
  if (problems.length === 0) return;
  throw new StatesError(
    "States.Runtime",
    `The ${field} '${toJson(parameters)}' could not be used to start the Task: [${problems.join(", ")}]`,
  );
}
