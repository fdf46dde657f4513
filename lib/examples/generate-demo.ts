import { runExecution } from "../asl";
import { seededRandom } from "../asl/ports";
import { localExecutionArn, localStateMachineArn } from "../ingest/arn";
import type { IngestedExecution } from "../ingest/types";
import { executionFromResult } from "../local/execution-from-result";
import { handlerInvoker } from "./handler-invoker";
import { EXAMPLE_WORKFLOWS } from "./index";
import type { ExampleWorkflow } from "./types";

const DAY = 86_400_000;

export interface DemoOptions {
  count: number;
  /** the demo spans `days` days up to `now` */
  days?: number;
  now?: Date;
  seed?: number;
}

function definitionOn(workflow: ExampleWorkflow, day: number): object {
  let definition = workflow.definition;
  for (const v of workflow.versions ?? []) if (day >= v.fromDay) definition = v.definition;
  return definition;
}

/** Hostile payloads a few demo executions carry, so the dashboard's escaping is always exercised. */
const HOSTILE_NOTES = [
  '<script>alert("xss")</script>',
  '"><img src=x onerror=alert(1)>',
  "<b>bold?</b> {{constructor.constructor('alert(1)')()}}",
];

/**
 * Runs the example workflows on the local engine `count` times, spread over the last `days` days
 * (newest last), deterministically for a given seed. Yields each finished execution.
 */
export async function* generateDemo(options: DemoOptions): AsyncGenerator<IngestedExecution> {
  const days = options.days ?? 90;
  const now = (options.now ?? new Date()).getTime();
  const rand = seededRandom(options.seed ?? 42).random;
  for (let i = 0; i < options.count; i++) {
    const workflow = EXAMPLE_WORKFLOWS[i % EXAMPLE_WORKFLOWS.length];
    const offsetMs = ((i + rand()) / options.count) * days * DAY;
    const startTime = new Date(Math.floor(now - days * DAY + offsetMs - 2 * DAY));
    const day = Math.floor(offsetMs / DAY);
    const definition = JSON.stringify(definitionOn(workflow, day));
    const input = workflow.input(i, rand) as Record<string, unknown>;
    if (i % 97 === 5) input.note = HOSTILE_NOTES[i % HOSTILE_NOTES.length];
    const name = `${workflow.name.replace(/[A-Z]/g, (c, k) => (k ? "-" : "") + c.toLowerCase())}-${String(i).padStart(4, "0")}`;
    const executionArn = localExecutionArn(workflow.name, name);
    const stateMachineArn = localStateMachineArn(workflow.name);
    const result = await runExecution({
      definition,
      input,
      context: {
        executionArn,
        executionName: name,
        stateMachineArn,
        stateMachineName: workflow.name,
        roleArn: "arn:aws:iam::000000000000:role/statelens-local",
        startTime,
      },
      taskInvoker: handlerInvoker(workflow.handlers),
      random: seededRandom(1000 + i),
    });
    yield executionFromResult(result, { executionArn, name, stateMachineArn, stateMachineName: workflow.name, definition, input });
  }
}
