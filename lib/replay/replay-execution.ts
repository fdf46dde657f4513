import { seededRandom, startExecution, validateDefinition, type EvaluationGuard, type ExecutionResult } from "../asl";
import type { HistoryEvent } from "../asl/history/types";
import type { TaskInvoker } from "../asl/ports";
import type { Checkpoint } from "./checkpoints";
import { resumeFrom } from "./checkpoints-resume";
import { definitionObject, definitionScopes } from "./definition-scopes";
import { eventDetails, timeOf, type ReplayEvent } from "./history-threads";
import { applyJsonPatch, type JsonPatchOperation } from "./json-patch";
import { missingInvoker, type MissingRule } from "./missing-rule";
import { causeText, payloadValue } from "./payload";
import { readRecording } from "./recorded-history";
import { recordedRedriveCount } from "./recorded-redrive-count";
import { recordedTaskInvoker, type MissedCall } from "./recorded-task-invoker";
import { spliceHistory } from "./splice-history";
import { checkpointError, ReplayRequestError } from "./replay-errors";

/** A recorded execution to replay (a stored execution, an imported history, a conformance case). */
export interface ReplaySource {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  stateMachineName: string;
  /** The definition as it ran. */
  definition: string | object;
  /** The execution input as JSON text; default: the ExecutionStarted event's. */
  input?: string | null;
  startDate?: Date;
  status: string;
  redriveCount?: number;
  events: readonly ReplayEvent[];
}

export interface ReplayOptions {
  /** Start at this checkpoint (event id, state name or path: see findCheckpoint); default: from the start. */
  from?: string | number;
  /** Replace the checkpoint state's input (the execution input when replaying from the start). */
  input?: unknown;
  /** RFC 6902 patch applied to that input. */
  patch?: JsonPatchOperation[];
  /** Run this definition instead of the recorded one. */
  definition?: string | object;
  /** Answers task calls the recording cannot (default "fail"). */
  onMissing?: MissingRule;
  /** Answers `onMissing: "examples"`: the bundled example workflows' handlers (lib/examples/example-invoker.ts). */
  exampleHandlers?: () => TaskInvoker;
  /** See RecordedInvokerOptions.match; "auto" (default): "position" without edits, else "request". */
  match?: "auto" | "position" | "request";
  maxEvents?: number;
  /** Bounds every JSONata evaluation of the replay (see EvaluationGuard). */
  evaluationGuard?: EvaluationGuard;
}

export interface ReplayEdits {
  input?: unknown;
  patch?: JsonPatchOperation[];
  /** The definition text the replay ran, when it was changed. */
  definition?: string;
}

export interface ReplayOutcome {
  status: ExecutionResult["status"];
  output?: unknown;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate: Date;
  /** The replay's history: the recorded prefix up to the checkpoint, then the engine's run (see README). */
  events: HistoryEvent[];
  /** The engine's own run (from a checkpoint: its events from the checkpoint's id on, no ExecutionStarted). */
  engine: ExecutionResult;
  /** null: replayed from the start. */
  checkpoint: Checkpoint | null;
  edits: ReplayEdits | null;
  /** The definition text and execution input the replay ran with. */
  definition: string;
  input: unknown;
  answered: number;
  missed: readonly MissedCall[];
}

/** FNV-1a: the replay's random seed from the execution ARN, so the same replay repeats exactly. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key) && (o as Record<string, unknown>)[key] !== undefined;

/**
 * Re-runs a recorded execution on the local engine, deterministically: task calls are answered
 * from the recording, the virtual clock starts at the recorded time, the context object carries
 * the recorded ARN/name/role, randomness is seeded from the ARN. From a checkpoint the prefix is
 * not re-run: the engine continues the recorded history from the execution's state at that event
 * (see checkpoints-resume.ts), with the checkpoint state's recorded (or edited) input.
 */
export async function replayExecution(source: ReplaySource, options: ReplayOptions = {}): Promise<ReplayOutcome> {
  const events = source.events;
  const edits: ReplayEdits = {};
  if (has(options, "input")) edits.input = options.input;
  if (options.patch?.length) edits.patch = options.patch;
  const recordedDefinition = typeof source.definition === "string" ? source.definition : JSON.stringify(source.definition);
  if (options.definition !== undefined) {
    const text = typeof options.definition === "string" ? options.definition : JSON.stringify(options.definition);
    if (text !== recordedDefinition) edits.definition = text;
  }
  const edited = Object.keys(edits).length > 0;
  const definition = edits.definition ?? recordedDefinition;
  const replayScopes = edits.definition === undefined ? undefined : editedDefinitionScopes(edits.definition);

  // The one pass over the recording (recorded-history.ts): the checkpoint, the recording as it
  // stood there, its task calls and the replay's own threads up to it.
  const recording = readRecording(events, recordedDefinition, options.from, replayScopes);
  const checkpoint = recording.at?.checkpoint ?? null;
  const started = recording.started;
  const startedDetails = started ? eventDetails(started) : undefined;
  const inputText =
    source.input ?? (typeof startedDetails?.input === "string" ? startedDetails.input : JSON.stringify(startedDetails?.input ?? {}));
  const executionInput = payloadValue(inputText);
  if (checkpoint) {
    const states = (replayScopes ?? recording.scopes).states;
    for (const name of [...checkpoint.path.map((s) => s.state), checkpoint.stateName]) {
      if (!states.has(name)) throw checkpointError(checkpoint.label, `the definition has no state ${name}`);
    }
  }
  let stateInput = has(options, "input") ? options.input : checkpoint ? checkpoint.input : executionInput;
  if (edits.patch) stateInput = applyJsonPatch(stateInput, edits.patch);
  const inputEdited = has(options, "input") || edits.patch !== undefined;

  const startMs =
    (started ? timeOf(started) : undefined) ??
    source.startDate?.getTime() ??
    (checkpoint?.timestamp ? Date.parse(checkpoint.timestamp) : undefined) ??
    0;
  const startFrom = checkpoint ? resumeFrom(recording, stateInput, startMs) : undefined;
  const end = events[events.length - 1];
  const aborted = source.status === "ABORTED" && end?.type === "ExecutionAborted" ? eventDetails(end) : undefined;
  const invoker = recordedTaskInvoker(events, {
    definition: recordedDefinition,
    replayDefinition: edits.definition,
    fromEventId: checkpoint?.eventId,
    match: options.match === "position" || options.match === "request" ? options.match : edited ? "request" : "position",
    missing: missingInvoker(options.onMissing, source.stateMachineName, options.exampleHandlers),
    abortedWith: aborted && !edited ? { error: aborted.error as string | undefined, cause: causeText(aborted.cause) } : undefined,
    recordedTimes: !edited,
    read: { tracker: recording.walk.tracker, live: recording.live },
  });
  const handle = startExecution({
    definition,
    input: checkpoint ? executionInput : stateInput,
    inputText: checkpoint || !inputEdited ? inputText : undefined,
    context: {
      executionArn: source.executionArn,
      executionName: source.name,
      stateMachineArn: source.stateMachineArn,
      stateMachineName: source.stateMachineName,
      roleArn: typeof startedDetails?.roleArn === "string" ? startedDetails.roleArn : undefined,
      startTime: new Date(startMs),
      redriveCount: recordedRedriveCount(
        (started ? timeOf(started) : undefined) ?? source.startDate?.getTime() ?? startMs,
        source.redriveCount,
      ),
    },
    taskInvoker: invoker,
    random: seededRandom(seedOf(source.executionArn)),
    startFrom,
    maxEvents: options.maxEvents,
    evaluationGuard: options.evaluationGuard,
  });
  invoker.follow(handle);
  const engine = await handle.result;
  const history = recording.at ? spliceHistory(recording.at.prefix, recording.at.checkpoint.eventId, engine.events) : engine.events;
  return {
    status: engine.status,
    output: engine.output,
    error: engine.error,
    cause: engine.cause,
    startDate: new Date(startMs),
    stopDate: engine.stopDate,
    events: history,
    engine,
    checkpoint,
    edits: edited ? edits : null,
    definition,
    input: checkpoint ? executionInput : stateInput,
    answered: invoker.answered,
    missed: invoker.missed,
  };
}

/** The edited definition's scopes, or a ReplayRequestError about `definition` naming what is wrong with it. */
function editedDefinitionScopes(text: string) {
  let issues;
  try {
    issues = validateDefinition(definitionObject(text));
  } catch (error) {
    throw new ReplayRequestError("definition", (error as Error).message);
  }
  if (issues.length)
    throw new ReplayRequestError(
      "definition",
      `the new definition is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
    );
  return definitionScopes(text);
}
