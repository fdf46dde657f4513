import { DefinitionError } from "../../errors";
import type { AbortScope } from "../abort-scope";
import { endThread, runConcurrently } from "../branches";
import { contextObject } from "../context-object";
import type { Environment } from "../environment";
import { evaluateField } from "../expressions";
import { finishWithResult, inputPath, statesBinding, template } from "../io-processing";
import { mapInteger, mapItems } from "../map/map-config";
import { runDistributedMap } from "../map/distributed-map";
import { RecordedStateOutput } from "../map/recorded-map-run";
import type { Program } from "../program";
import { isPromise } from "../maybe";
import { resumedIterations, untilResumed, type ThreadResume } from "../resume";
import { ExecutingState, type AttemptResult } from "./executing-state";
import type { ProgramBuilder } from "../program";
import type { QueryLanguage, StateRun } from "./state";

/** AWS runs at most 40 iterations of an inline Map at a time, whatever MaxConcurrency says. */
const INLINE_CONCURRENCY = 40;

/** Map: runs its item processor once per item, inline or as a distributed map run. */
export class MapState extends ExecutingState {
  protected override readonly abortedEvent = "MapStateAborted";
  protected override readonly failedEvent = "MapStateFailed";
  readonly processor: Program;
  readonly distributed: boolean;

  constructor(name: string, raw: Record<string, unknown>, parentQL: QueryLanguage, build: ProgramBuilder) {
    super(name, raw, parentQL);
    const processor = (raw.ItemProcessor ?? raw.Iterator) as Record<string, unknown> | undefined;
    if (!processor || typeof processor !== "object")
      throw new DefinitionError("Map needs an ItemProcessor", `States.${name}.ItemProcessor`);
    const config = processor.ProcessorConfig as Record<string, unknown> | undefined;
    this.distributed = config?.Mode === "DISTRIBUTED";
    this.processor = build(processor, this.ql, `States.${name}.ItemProcessor`);
  }

  protected async attempt(run: StateRun): Promise<AttemptResult> {
    const env = run.env;
    const context = run.context();
    const effective = this.ql === "JSONata" ? run.input : inputPath(run);
    const items = this.raw.ItemReader === undefined ? await mapItems(run, effective, context) : undefined;
    const maxConcurrency = await mapInteger(run, "MaxConcurrency", effective, context, 0);
    // Resumed inside the Map: MapStateStarted and the iterations before the checkpoint are recorded.
    const resumed = run.resume?.how === "inside" ? run.resume : undefined;
    if (!resumed) env.emit("MapStateStarted", "mapStateStartedEventDetails", { length: items?.length ?? 0 });
    if (this.distributed) {
      const results = await runDistributedMap(run, this, { items, effective, context, maxConcurrency });
      return results instanceof RecordedStateOutput ? results.finished : finishWithResult(run, results, context);
    }
    const list = items ?? [];
    const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, INLINE_CONCURRENCY) : INLINE_CONCURRENCY;
    const running = new Map(resumed?.iterations?.flatMap((i) => (i.running ? [[i.index, i.running] as const] : [])));
    const { results, failure } = await runConcurrently(
      env,
      list.length,
      limit,
      (index, scope) => {
        const child = env.child({ scope, mapItem: { Index: index, Value: list[index] } });
        return this.iterate(run, effective, list[index], index, child, scope, resumed && (running.get(index) ?? { at: resumed.at }));
      },
      undefined,
      resumed && resumedIterations(resumed),
    );
    if (failure) throw failure;
    env.checkAlive();
    // The last iteration's MapIterationSucceeded is what MapStateSucceeded/Exited link to.
    if (env.ctx.last > env.ctx.source) env.ctx.source = env.ctx.last;
    env.emit("MapStateSucceeded", undefined, undefined, false);
    return finishWithResult(run, results, context);
  }

  /**
   * One inline iteration, with its MapIteration* events. `resumed`: the iteration as it stood at a
   * checkpoint (running in a state, or only started), or `{at}` for one not started by then.
   */
  private async iterate(
    run: StateRun,
    effective: unknown,
    item: unknown,
    index: number,
    child: Environment,
    scope: AbortScope,
    resumed?: ThreadResume | { at?: Date },
  ): Promise<unknown> {
    const details = { index, name: this.name };
    const inState = resumed && "stateName" in resumed && resumed.stateName !== undefined ? (resumed as ThreadResume) : undefined;
    const started = resumed && "iterationStarted" in resumed ? resumed.iterationStarted : undefined;
    let joined = true;
    try {
      let input: unknown;
      if (inState) Object.assign(child.variables, inState.variables);
      if (inState && !started) input = inState.input;
      else {
        // Not started, or started at the checkpoint's instant: take the same turns as a fresh iteration.
        const wait = untilResumed(child, started?.at ?? (resumed as { at?: Date } | undefined)?.at);
        if (wait) await wait;
        input = inState ? inState.input : this.itemInput(run, effective, item, child);
        if (isPromise(input)) input = await input;
        if (started) child.ctx.replaying = [{ id: started.id, type: "MapIterationStarted" }];
        child.emit("MapIterationStarted", "mapIterationStartedEventDetails", details);
        await Promise.resolve();
      }
      try {
        const output = await this.processor.run(child, input, inState?.stateName, inState?.state);
        child.emit("MapIterationSucceeded", "mapIterationSucceededEventDetails", details, false);
        return output;
      } catch (thrown) {
        const ended = endThread(child, scope, thrown, (aborted, link) => {
          const type = aborted ? "MapIterationAborted" : "MapIterationFailed";
          child.events.add(
            child.ctx,
            type,
            aborted ? "mapIterationAbortedEventDetails" : "mapIterationFailedEventDetails",
            details,
            false,
            link ?? child.ctx.source,
          );
        });
        joined = !ended.aborted;
        throw ended.rethrow;
      }
    } finally {
      if (joined) run.env.ctx.join(child.ctx);
    }
  }

  /** ItemSelector (or the legacy Parameters) for one item; the item itself when absent. */
  itemInput(run: StateRun, effective: unknown, item: unknown, child: Environment): unknown {
    const raw = this.raw;
    const field = raw.ItemSelector !== undefined ? "ItemSelector" : raw.Parameters !== undefined ? "Parameters" : undefined;
    if (!field) return item;
    const context = contextObject(child, run.info);
    if (this.ql === "JSONata") return evaluateField(field, raw[field], statesBinding(run, undefined, context), child);
    return template(run, field, effective, context);
  }
}
