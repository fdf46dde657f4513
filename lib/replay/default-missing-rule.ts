import { EXAMPLE_WORKFLOWS } from "../examples";

/** The rule the dashboard picks: the example handlers for the bundled example machines, else fail. */
export function defaultMissingRule(stateMachineName: string): "fail" | "examples" {
  return EXAMPLE_WORKFLOWS.some((w) => w.name === stateMachineName) ? "examples" : "fail";
}
