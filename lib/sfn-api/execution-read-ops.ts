import { detailsKeyFor, detailsOf, type HistoryEvent } from "../asl/history/types";
import { ModelConstraints } from "./model-constraints";
import { decodeToken, encodeToken, isCount } from "./page-token";
import { optionalBoolean, optionalEnum, pageSize, parseStatesArn, type Body } from "./request-fields";
import type { ServiceContext } from "./service-context";
import { parseQualifiedArn } from "./qualified-arn";
import { resourcesOf } from "./resource-store";
import { executionDoesNotExist, resourceTypeNotValid, SfnError, stateMachineDoesNotExist, typeNotSupported } from "./sfn-error";
import { getMapRun, mapRunsOf } from "./map-run-ops";
import { redriveFields } from "./redrive-status";
import { getStateMachine, stateMachineDescription } from "./state-machine-ops";
import type { LocalExecution, LocalStateMachine } from "./sfn-types";

const STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const;

/** A Standard execution by ARN (Express executions are not describable, as on AWS). */
export function getExecution(ctx: ServiceContext, arn: string): LocalExecution {
  const parsed = parseStatesArn(arn, ["execution", "express"]);
  if (parsed.resourceType === "express") throw resourceTypeNotValid("express");
  const execution = ctx.store.executions.get(arn);
  if (!execution) throw executionDoesNotExist(arn);
  return execution;
}

export function describeExecution(ctx: ServiceContext, body: Body) {
  const e = getExecution(ctx, ModelConstraints.arn(body, "executionArn")!);
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachine.stateMachineArn,
    ...startedThrough(e),
    name: e.name,
    status: e.status,
    startDate: e.startDate,
    ...(e.stopDate ? { stopDate: e.stopDate } : {}),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    ...redriveFields(e, ctx.now()),
  };
}

/** ListExecutions: newest first, statusFilter, redriveFilter (REDRIVEN: redriven at least once), paged. */
export function listExecutions(ctx: ServiceContext, body: Body) {
  const arn = ModelConstraints.arn(body, "stateMachineArn", false);
  const mapRunArn = ModelConstraints.arn(body, "mapRunArn", false, 2000);
  const size = pageSize(body);
  const status = optionalEnum(body, "statusFilter", STATUSES);
  const redrive = optionalEnum(body, "redriveFilter", ["REDRIVEN", "NOT_REDRIVEN"] as const);
  if (!arn && !mapRunArn) throw new SfnError("ValidationException", "Must provide a StateMachine ARN or MapRun ARN");
  let listed: LocalExecution[] = [];
  if (arn) {
    const { machine, startedBy } = listTarget(ctx, arn);
    if (machine.type === "EXPRESS") throw typeNotSupported();
    listed = [...ctx.store.executions.values()].filter((e) => startedBy(e) && (!status || e.status === status));
  } else {
    // a known map run: its children run inside the parent execution, none is listed on its own
    getMapRun(ctx, mapRunArn!);
  }
  if (redrive) listed = listed.filter((e) => (redrive === "REDRIVEN") === (e.redriveCount ?? 0) > 0);
  listed.sort((a, b) => b.startDate.getTime() - a.startDate.getTime() || b.seq - a.seq);
  const scope = `executions:${arn ?? mapRunArn}:${status ?? ""}:${redrive ?? ""}`;
  // Keyset paging (start date, start order): executions started meanwhile do not shift later pages.
  const after = decodeToken(ModelConstraints.arn(body, "nextToken", false, 3096), scope, isKey);
  const rest = after
    ? listed.filter((e) => e.startDate.getTime() < after[0] || (e.startDate.getTime() === after[0] && e.seq < after[1]))
    : listed;
  const page = rest.slice(0, size);
  const last = page[page.length - 1];
  return {
    executions: page.map((e) => ({
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachine.stateMachineArn,
      ...startedThrough(e),
      name: e.name,
      status: e.status,
      startDate: e.startDate,
      ...(e.stopDate ? { stopDate: e.stopDate } : {}),
      redriveCount: e.redriveCount ?? 0,
      ...(e.redriveDate ? { redriveDate: e.redriveDate } : {}),
    })),
    ...(rest.length > size ? { nextToken: encodeToken(scope, [last.startDate.getTime(), last.seq]) } : {}),
  };
}

/** The version and alias an execution was started through (absent when started on the machine). */
function startedThrough(e: LocalExecution) {
  return {
    ...(e.stateMachineVersionArn ? { stateMachineVersionArn: e.stateMachineVersionArn } : {}),
    ...(e.stateMachineAliasArn ? { stateMachineAliasArn: e.stateMachineAliasArn } : {}),
  };
}

/** ListExecutions of a machine (every execution), of a version or of an alias (those started through it). */
function listTarget(ctx: ServiceContext, arn: string): { machine: LocalStateMachine; startedBy: (e: LocalExecution) => boolean } {
  const qualified = parseQualifiedArn(arn);
  if (qualified.kind === "machine") {
    const machine = getStateMachine(ctx, arn);
    return { machine, startedBy: (e) => e.stateMachine.stateMachineArn === arn };
  }
  const resources = resourcesOf(ctx.store);
  const machine = qualified.kind === "version" ? resources.versions.get(arn)?.snapshot : ctx.store.stateMachines.get(qualified.machineArn);
  if (!machine || (qualified.kind === "alias" && !resources.aliases.has(arn))) throw stateMachineDoesNotExist(arn);
  return {
    machine,
    startedBy: (e) => (qualified.kind === "version" ? e.stateMachineVersionArn === arn : e.stateMachineAliasArn === arn),
  };
}

const isKey = (value: unknown): value is [number, number] =>
  Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === "number" && Number.isFinite(n));

/** Detail fields that hold execution data, dropped when includeExecutionData is false. */
const DATA_FIELDS = [
  "input",
  "inputDetails",
  "output",
  "outputDetails",
  "parameters",
  "result",
  "assignedVariables",
  "assignedVariablesDetails",
];

/** GetExecutionHistory: pages of maxResults (default 100), reverseOrder, includeExecutionData. */
export function getExecutionHistory(ctx: ServiceContext, body: Body) {
  const arn = ModelConstraints.arn(body, "executionArn")!;
  const execution = getExecution(ctx, arn);
  const size = pageSize(body);
  const reverse = optionalBoolean(body, "reverseOrder") ?? false;
  const withData = optionalBoolean(body, "includeExecutionData") ?? true;
  const events = [...execution.events()];
  if (reverse) events.reverse();
  const scope = `history:${arn}:${reverse}`;
  const offset = decodeToken(ModelConstraints.arn(body, "nextToken", false, 3096), scope, isCount) ?? 0;
  return {
    events: events.slice(offset, offset + size).map((event) => wireEvent(event, withData)),
    ...(offset + size < events.length ? { nextToken: encodeToken(scope, offset + size) } : {}),
  };
}

function wireEvent(event: HistoryEvent, withData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    timestamp: event.timestamp,
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  const details = detailsOf(event);
  if (!details) return out;
  const copy = { ...details };
  if (!withData) for (const field of DATA_FIELDS) delete copy[field];
  const key = Object.keys(event).find((k) => k.endsWith("EventDetails")) ?? detailsKeyFor(event.type)!;
  out[key] = copy;
  return out;
}

export function describeStateMachineForExecution(ctx: ServiceContext, body: Body) {
  const execution = getExecution(ctx, ModelConstraints.arn(body, "executionArn")!);
  const machine = execution.stateMachine;
  return { ...stateMachineDescription(machine), updateDate: machine.updateDate ?? machine.creationDate };
}

/**
 * ListMapRuns: the Distributed Map runs an execution started (from its MapRunStarted events). A
 * run's stopDate is its own end (its MapRunSucceeded/Failed/Aborted event); a run that has not
 * ended has none, whatever the execution's state.
 */
export function listMapRuns(ctx: ServiceContext, body: Body) {
  const execution = getExecution(ctx, ModelConstraints.arn(body, "executionArn")!);
  return {
    mapRuns: mapRunsOf(execution).map((run) => {
      const label = run.mapRunArn.split(":")[6]?.split("/")[1] ?? "";
      return {
        executionArn: execution.executionArn,
        mapRunArn: run.mapRunArn,
        stateMachineArn: `${execution.stateMachine.stateMachineArn}/${label}`,
        startDate: run.started.timestamp,
        ...(run.end ? { stopDate: run.end.timestamp } : {}),
      };
    }),
  };
}
