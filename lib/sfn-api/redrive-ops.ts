import type { HistoryEvent, StartFrom } from "../asl";
import { getExecution } from "./execution-read-ops";
import { launchExecution } from "./launch-execution";
import { ModelConstraints } from "./model-constraints";
import type { Body } from "./request-fields";
import { redrivePoint } from "./redrive-point";
import type { ServiceContext } from "./service-context";
import { settle } from "./settle";
import { SfnError } from "./sfn-error";
import { notRedrivableReason } from "./redrive-status";

/**
 * RedriveExecution: a FAILED, TIMED_OUT or ABORTED Standard execution within 14 days of its stop
 * goes on under the same ARN, definition and input from the state it did not finish (see
 * redrive-point.ts); what succeeded before is kept, not run again. The history gets an
 * ExecutionRedriven event (with the new redriveCount) and goes on from there.
 */
export async function redriveExecution(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const arn = model.text("executionArn", { required: true, min: 1, max: 256 })!;
  model.text("clientToken", { min: 1, max: 64 });
  model.check();
  const execution = getExecution(ctx, arn);
  const now = ctx.now();
  const reason = notRedrivableReason(execution, now);
  if (reason) throw new SfnError("ExecutionNotRedrivable", reason);
  // executions run on virtual time, which may be ahead of the clock: the history never goes back
  const redriveDate = new Date(Math.max(now.getTime(), execution.stopDate?.getTime() ?? 0));
  const recorded = execution.events();
  const last = recorded[recorded.length - 1];
  const redriveCount = (execution.redriveCount ?? 0) + 1;
  const redriven: HistoryEvent = {
    timestamp: redriveDate,
    type: "ExecutionRedriven",
    id: last.id + 1,
    previousEventId: last.id,
    executionRedrivenEventDetails: { redriveCount },
  };
  let startFrom: StartFrom;
  try {
    startFrom = redrivePoint(recorded, execution.stateMachine.definition, redriven.id, redriveDate);
  } catch (error) {
    // a history the walk cannot place (an engine error cut it short): nothing to go on from
    throw new SfnError("ExecutionNotRedrivable", `Execution cannot be redriven: ${(error as Error).message}`);
  }
  const { execution: next, waitingForCallback } = launchExecution(ctx, execution.stateMachine, {
    executionArn: execution.executionArn,
    name: execution.name,
    inputText: execution.input,
    input: JSON.parse(execution.input),
    redrive: { startDate: execution.startDate, seq: execution.seq, startFrom, prior: [...recorded, redriven], redriveCount, redriveDate },
  });
  next.stateMachineVersionArn = execution.stateMachineVersionArn;
  next.stateMachineAliasArn = execution.stateMachineAliasArn;
  next.redriveCount = redriveCount;
  next.redriveDate = redriveDate;
  ctx.store.executions.set(arn, next);
  await settle(next.done, waitingForCallback, ctx.settleMs);
  return { redriveDate };
}
