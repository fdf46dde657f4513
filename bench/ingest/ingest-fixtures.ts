import { runExecution, type TaskInvoker } from "../../lib/asl/index";
import { localExecutionArn, localStateMachineArn } from "../../lib/ingest/arn";
import type { IngestedExecution } from "../../lib/ingest/types";
import { executionFromResult } from "../../lib/local/execution-from-result";
import { historyWorkflow } from "../history/history-workflow";

const MACHINE = "BenchOrders";
const DAY = 86_400_000;
const FIRST_START = Date.parse("2026-01-01T00:00:00.000Z");

/**
 * `count` executions of the order workflow, each recording exactly `events` history events, run
 * on our engine (so the histories are real AWS-shaped ones), spread one per hour.
 */
export async function ingestFixtures(count: number, events: number, namePrefix = "ingest"): Promise<IngestedExecution[]> {
  const out: IngestedExecution[] = [];
  for (let i = 0; i < count; i++) {
    const workflow = historyWorkflow(events, i);
    const name = `${namePrefix}-${String(i).padStart(5, "0")}`;
    const executionArn = localExecutionArn(MACHINE, name);
    const stateMachineArn = localStateMachineArn(MACHINE);
    const invoker: TaskInvoker = { invoke: (request) => ({ output: workflow.handlers[request.stateName](request.parameters) }) };
    const definition = JSON.stringify(workflow.definition);
    const result = await runExecution({
      definition,
      input: workflow.input,
      taskInvoker: invoker,
      context: {
        executionArn,
        executionName: name,
        stateMachineArn,
        stateMachineName: MACHINE,
        startTime: new Date(FIRST_START + (i * DAY) / 24),
      },
    });
    if (result.events.length !== events) throw new Error(`fixture ${name}: ${result.events.length} events, expected ${events}`);
    out.push(
      executionFromResult(result, { executionArn, name, stateMachineArn, stateMachineName: MACHINE, definition, input: workflow.input }),
    );
  }
  return out;
}
