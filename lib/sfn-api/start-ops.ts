import { randomUUID } from "node:crypto";
import { launchExecution } from "./launch-execution";
import { ModelConstraints } from "./model-constraints";
import { checkName, optionalString, parseStatesArn, type Body } from "./request-fields";
import { arnPrefix, type ServiceContext } from "./service-context";
import { settle } from "./settle";
import { executionDoesNotExist, resourceTypeNotValid, SfnError, typeNotSupported } from "./sfn-error";
import { resolveStartTarget, type StartTarget } from "./qualified-arn";
import type { LocalExecution, LocalStateMachine } from "./sfn-types";

interface StartRequest {
  machine: LocalStateMachine;
  /** Started through a version or alias ARN. */
  target: StartTarget;
  name: string;
  inputText: string;
  input: unknown;
}

/**
 * The request's model constraints first (lengths, the 262,144-byte input), then the state
 * machine (InvalidArn, StateMachineDoesNotExist), then the name's characters and the input's JSON.
 */
function readStart(ctx: ServiceContext, body: Body): StartRequest {
  const model = new ModelConstraints(body);
  const arn = model.text("stateMachineArn", { required: true, min: 1, max: 256 });
  const givenName = model.text("name", { min: 1, max: 80 });
  const givenInput = model.payload("input");
  model.text("traceHeader", { max: 256 });
  model.check();
  const target = resolveStartTarget(ctx, arn!);
  const machine = target.machine;
  const name = givenName ?? randomUUID();
  checkName(name);
  const inputText = givenInput ?? "{}";
  let input: unknown;
  try {
    input = JSON.parse(inputText);
  } catch (error) {
    throw new SfnError("InvalidExecutionInput", `Invalid State Machine Execution Input: '${(error as Error).message}'`);
  }
  return { machine, target, name, inputText, input };
}

/**
 * StartExecution. Standard: idempotent for the same name and input while RUNNING, otherwise
 * ExecutionAlreadyExists. Express: a fresh `express:` ARN per call; its history goes to the state
 * machine's CloudWatch Logs group (when logging is on), as on AWS.
 */
export async function startExecution(ctx: ServiceContext, body: Body) {
  const { machine, target, name, inputText, input } = readStart(ctx, body);
  const express = machine.type === "EXPRESS";
  const executionArn = express
    ? `${arnPrefix(ctx)}:express:${machine.name}:${name}:${randomUUID()}`
    : `${arnPrefix(ctx)}:execution:${machine.name}:${name}`;
  const existing = ctx.store.executions.get(executionArn);
  if (existing) {
    if (existing.status === "RUNNING" && existing.input === inputText) return { executionArn, startDate: existing.startDate };
    throw new SfnError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
  }
  const { execution, waitingForCallback } = launchExecution(ctx, machine, { executionArn, name, inputText, input });
  markTarget(execution, target);
  if (!express) ctx.store.executions.set(executionArn, execution);
  await settle(execution.done, waitingForCallback, ctx.settleMs);
  return { executionArn, startDate: execution.startDate };
}

/** StartSyncExecution (Express only): runs to the end and answers with the outcome. */
export async function startSyncExecution(ctx: ServiceContext, body: Body) {
  const { machine, target, name, inputText, input } = readStart(ctx, body);
  if (machine.type !== "EXPRESS") throw typeNotSupported();
  const executionArn = `${arnPrefix(ctx)}:express:${machine.name}:${name}:${randomUUID()}`;
  const { execution } = launchExecution(ctx, machine, { executionArn, name, inputText, input });
  markTarget(execution, target);
  await execution.done;
  const stopDate = execution.stopDate ?? ctx.now();
  return {
    executionArn,
    stateMachineArn: machine.stateMachineArn,
    name,
    startDate: execution.startDate,
    stopDate,
    status: execution.status,
    input: inputText,
    inputDetails: { included: true },
    ...(execution.output !== undefined ? { output: execution.output, outputDetails: { included: true } } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
    billingDetails: {
      billedMemoryUsedInMB: 64,
      billedDurationInMilliseconds: Math.max(100, Math.ceil((stopDate.getTime() - execution.startDate.getTime()) / 100) * 100),
    },
  };
}

/** StopExecution: aborts a running Standard execution; a closed one answers with its stop date. */
export async function stopExecution(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const arn = model.text("executionArn", { required: true, min: 1, max: 256 })!;
  model.text("error", { max: 256, sensitive: true });
  model.text("cause", { max: 32_768, sensitive: true });
  model.check();
  const parsed = parseStatesArn(arn, ["execution", "express"]);
  if (parsed.resourceType === "express") throw resourceTypeNotValid("express");
  const execution = ctx.store.executions.get(arn);
  if (!execution) throw executionDoesNotExist(arn);
  if (execution.handle) {
    execution.handle.stop(optionalString(body, "error"), optionalString(body, "cause"));
    await execution.done;
  }
  return { stopDate: execution.stopDate ?? ctx.now() };
}

/** DescribeExecution and ListExecutions name the version (and alias) an execution started through. */
function markTarget(execution: LocalExecution, target: StartTarget): void {
  if (target.version) execution.stateMachineVersionArn = target.version.arn;
  if (target.alias) execution.stateMachineAliasArn = target.alias.arn;
}
