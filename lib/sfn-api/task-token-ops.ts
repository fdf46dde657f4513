import { StatesError } from "../asl";
import type { TokenOutcome } from "../asl/evaluate/token-registry";
import { ModelConstraints } from "./model-constraints";
import type { Body } from "./request-fields";
import type { ServiceContext } from "./service-context";
import { settle, turns } from "./settle";
import { invalidToken, SfnError } from "./sfn-error";
import type { LocalExecution } from "./sfn-types";

/** Engine turns a callback may arrive ahead of the task's waiter (invoker answered, waiter not yet registered). */
const EARLY_CALLBACK_TURNS = 50;

/** taskToken: 1-2048 characters (API reference), checked with the request's other constraints. */
function readToken(model: ModelConstraints): string {
  return model.text("taskToken", { required: true, min: 1, max: 2048 })!;
}

/** SendTaskSuccess: the output is refused over 262,144 UTF-8 bytes (ValidationException), as on AWS. */
export async function sendTaskSuccess(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const token = readToken(model);
  const outputText = model.payload("output", true)!;
  model.check();
  let output: unknown;
  try {
    output = JSON.parse(outputText);
  } catch (error) {
    throw new SfnError("InvalidOutput", `Invalid Output: '${(error as Error).message}'`);
  }
  await deliver(ctx, token, (execution) => execution.handle!.sendTaskSuccess(token, output), { output });
  return {};
}

export async function sendTaskFailure(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const token = readToken(model);
  const error = model.text("error", { max: 256, sensitive: true });
  const cause = model.text("cause", { max: 32_768, sensitive: true });
  model.check();
  await deliver(ctx, token, (execution) => execution.handle!.sendTaskFailure(token, error, cause), { error, cause });
  return {};
}

export async function sendTaskHeartbeat(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const token = readToken(model);
  model.check();
  await deliver(ctx, token, (execution) => execution.handle!.sendTaskHeartbeat(token));
  return {};
}

/**
 * Hands a callback to the execution that issued `token`. Unknown tokens are InvalidToken; tokens
 * whose task no longer waits (answered, timed out, execution closed) are TaskDoesNotExist. A
 * success or failure then waits for the execution to settle, so DescribeExecution right after
 * sees its effect.
 */
async function deliver(
  ctx: ServiceContext,
  token: string,
  send: (execution: LocalExecution) => void,
  /** A success or failure (a heartbeat has none): kept with the execution until it closes, so a restart cannot lose it. */
  outcome?: TokenOutcome,
): Promise<void> {
  const arn = ctx.store.taskTokens.get(token);
  if (arn === undefined) throw invalidToken();
  const execution = ctx.store.executions.get(arn);
  if (!execution?.handle) throw taskDoesNotExist();
  const nextWait = execution.nextCallbackWait();
  for (let turn = 0; ; turn++) {
    if (!execution.handle) throw taskDoesNotExist();
    try {
      send(execution);
      break;
    } catch (error) {
      if (!(error instanceof StatesError && error.error === "TaskDoesNotExist")) throw error;
      if (turn >= EARLY_CALLBACK_TURNS) throw taskDoesNotExist();
      await turns(1);
    }
  }
  if (!outcome) return;
  ctx.durable?.answered(arn, token, outcome);
  await settle(execution.done, nextWait, ctx.settleMs);
}

function taskDoesNotExist(): SfnError {
  return new SfnError(
    "TaskDoesNotExist",
    "Task Does Not Exist: the task of this token is no longer waiting (answered, timed out, or its execution closed)",
  );
}
