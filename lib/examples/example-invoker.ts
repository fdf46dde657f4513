import type { TaskInvoker } from "../asl/ports";
import { handlerInvoker } from "./handler-invoker";
import { EXAMPLE_WORKFLOWS } from "./index";

/** The bundled example workflows' local handlers as one task invoker (demo data and replays of demo executions). */
export function exampleInvoker(): TaskInvoker {
  return handlerInvoker(Object.assign({}, ...EXAMPLE_WORKFLOWS.map((w) => w.handlers)));
}

/**
 * The rule the dashboard offers first for calls a recording lacks: the example handlers only for
 * executions the local engine ran of a bundled example machine (the demo data); anything else,
 * including a production machine that happens to share an example's name, fails such calls.
 */
export function defaultMissingRule(execution: { stateMachineName: string; source: string }): "fail" | "examples" {
  return execution.source === "local" && EXAMPLE_WORKFLOWS.some((w) => w.name === execution.stateMachineName) ? "examples" : "fail";
}
