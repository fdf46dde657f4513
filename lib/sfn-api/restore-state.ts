import type { HistoryEvent } from "../asl";
import { activityRegistry, type LocalActivity } from "./activity-registry";
import type { DurableState } from "./durable-state";
import { reviveBody, type EngineRecord, type ExecutionRecord } from "./engine-records";
import { executionFailedAfter, launchExecution, type Redrive } from "./launch-execution";
import { redrivePoint } from "./redrive-point";
import { resourcesOf, type MachineAlias, type MachineVersion } from "./resource-store";
import type { ServiceContext } from "./service-context";
import type { LocalExecution, LocalStateMachine } from "./sfn-types";

export interface RestoreReport {
  stateMachines: number;
  activities: number;
  executions: number;
  /** Executions that were running when the engine stopped and go on now. */
  resumed: number;
  /** Records that could not be read back, each named with why (they stay in the store as they are). */
  unreadable: string[];
}

/**
 * Brings a local service's state back from its journal's records: state machines, versions,
 * aliases, tags, activities and executions as they were; executions that were running go on
 * (launchExecution's `resume`: re-run to where they were, then live), so a task token handed out
 * before the restart is answered after it.
 */
export function restoreEngineState(ctx: ServiceContext, durable: DurableState, records: readonly EngineRecord[]): RestoreReport {
  const report: RestoreReport = { stateMachines: 0, activities: 0, executions: 0, resumed: 0, unreadable: [] };
  const resources = resourcesOf(ctx.store);
  const running: ExecutionRecord[] = [];
  for (const record of records) {
    let value: unknown;
    try {
      value = reviveBody(record.body);
    } catch (error) {
      report.unreadable.push(`${record.kind} ${record.key}: ${(error as Error).message}`);
      continue;
    }
    durable.loaded(record.kind, record.key, record.body);
    switch (record.kind) {
      case "machine":
        ctx.store.stateMachines.set(record.key, value as LocalStateMachine);
        report.stateMachines++;
        break;
      case "version":
        resources.versions.set(record.key, value as MachineVersion);
        break;
      case "version-counter":
        resources.versionCounters.set(record.key, value as number);
        break;
      case "alias":
        resources.aliases.set(record.key, value as MachineAlias);
        break;
      case "tags":
        resources.tags.set(record.key, new Map(value as [string, string][]));
        break;
      case "activity":
        activityRegistry(ctx.store).activities.set(record.key, value as LocalActivity);
        report.activities++;
        break;
      case "execution": {
        const execution = value as ExecutionRecord;
        report.executions++;
        ctx.store.nextSeq = Math.max(ctx.store.nextSeq, execution.seq + 1);
        if (execution.status === "RUNNING") running.push(execution);
        else ctx.store.executions.set(record.key, closedExecution(execution));
        break;
      }
      default:
        report.unreadable.push(`${String(record.kind)} ${record.key}: not a kind of record this version knows`);
    }
  }
  // in start order, so their re-runs take turns as the originals did
  for (const record of running.sort((a, b) => a.seq - b.seq)) {
    try {
      ctx.store.executions.set(record.executionArn, resumeExecution(ctx, durable, record));
      report.resumed++;
    } catch (error) {
      // it cannot go on (its definition no longer parses, its history no longer places): it fails, saying why
      const cause = `statelens could not resume this execution after a restart: ${(error as Error).message}`;
      ctx.store.executions.set(record.executionArn, closedExecution(failedRecord(record, cause)));
      durable.changed(record.executionArn);
      report.unreadable.push(`execution ${record.executionArn}: ${cause}`);
    }
  }
  return report;
}

function closedExecution({ clock: _clock, answers: _answers, ...record }: ExecutionRecord): LocalExecution {
  const events = record.events;
  return {
    ...record,
    events: () => events,
    done: Promise.resolve(),
    reported: Promise.resolve(),
    // closed: no callback will ever be waited for again
    nextCallbackWait: () => new Promise<void>(() => {}),
  };
}

function failedRecord(record: ExecutionRecord, cause: string): ExecutionRecord {
  const failed = executionFailedAfter(record.events, Date.now(), cause);
  const stopDate = failed.timestamp;
  return { ...record, status: "FAILED", error: "States.Runtime", cause, stopDate, events: [...record.events, failed] };
}

/** Launches the re-run of an execution that was running; redriven, from its last redrive. */
function resumeExecution(ctx: ServiceContext, durable: DurableState, record: ExecutionRecord): LocalExecution {
  const events = record.events;
  const clock = record.clock;
  const clockAt = () => (clock ? clock.virtual + Math.max(0, Date.now() - clock.wall) : Date.now());
  const answers = durable.restoreAnswers(record.executionArn, record.answers);
  const redriven = lastIndexOf(events, "ExecutionRedriven");
  let redrive: Redrive | undefined;
  if (redriven >= 0 && record.redriveDate && record.redriveCount) {
    const prior = events.slice(0, redriven + 1);
    redrive = {
      startDate: record.startDate,
      seq: record.seq,
      startFrom: redrivePoint(events.slice(0, redriven), record.stateMachine.definition, events[redriven].id, record.redriveDate),
      prior,
      redriveCount: record.redriveCount,
      redriveDate: record.redriveDate,
    };
  }
  const { execution } = launchExecution(ctx, record.stateMachine, {
    executionArn: record.executionArn,
    name: record.name,
    inputText: record.input,
    input: JSON.parse(record.input),
    redrive,
    resume: {
      startDate: record.startDate,
      seq: record.seq,
      recorded: redrive ? events.slice(redriven + 1) : events,
      clockAt,
      answers,
    },
  });
  execution.stateMachineVersionArn = record.stateMachineVersionArn;
  execution.stateMachineAliasArn = record.stateMachineAliasArn;
  execution.redriveCount = record.redriveCount;
  execution.redriveDate = record.redriveDate;
  return execution;
}

function lastIndexOf(events: readonly HistoryEvent[], type: string): number {
  for (let i = events.length - 1; i >= 0; i--) if (events[i].type === type) return i;
  return -1;
}
