import type { EventManager } from "../history/event-manager";
import { EventContext } from "../history/event-manager";
import type { EventDetails } from "../history/types";
import { AbortScope, BranchAborted } from "./abort-scope";
import { JsonMemo } from "./json-memo";
import { toJson } from "./payload";
import type { ExecutionRuntime } from "./runtime";

/** `$$.Map.Item` inside a Map iteration. */
export interface MapItem {
  Index: number;
  Value: unknown;
}

/**
 * The environment of one thread of the execution (the top level, one Parallel branch, one Map
 * iteration): where it stands in the history, its variable scope and its cancellation scope.
 * Variables of inner scopes inherit from outer ones through the prototype chain.
 */
export class Environment {
  constructor(
    readonly runtime: ExecutionRuntime,
    readonly events: EventManager,
    readonly ctx: EventContext,
    readonly variables: Record<string, unknown>,
    readonly scope: AbortScope,
    /** 0 at the top level, +1 inside each Parallel branch / Map iteration. */
    readonly depth: number,
    readonly mapItem?: MapItem,
  ) {}

  /** A nested thread (branch/iteration) starting at the current history position. */
  child(options: { scope: AbortScope; mapItem?: MapItem; events?: EventManager; isolatedVariables?: boolean }): Environment {
    const variables = options.isolatedVariables
      ? (Object.create(null) as Record<string, unknown>)
      : (Object.create(this.variables) as Record<string, unknown>);
    const child = new Environment(
      this.runtime,
      options.events ?? this.events,
      this.ctx.fork(),
      variables,
      options.scope,
      this.depth + 1,
      options.mapItem,
    );
    child.memo.inherit(this.memo);
    return child;
  }

  /** JSON texts of this thread's payloads (see JsonMemo). */
  private readonly memo = new JsonMemo();

  /** Makes `text` the JSON text shown for `value` (the execution input as the caller wrote it). */
  rememberJson(value: unknown, text: string): void {
    this.memo.remember(value, text);
  }

  /**
   * JSON text of a payload for event details. A state's output is the next state's input, so the
   * text of the last remembered value (`remember`: a state's output) is reused instead of
   * serialized again, and the next output reuses the texts of its unchanged members.
   */
  json(value: unknown, remember = false): string {
    const known = this.memo.known(value);
    if (known !== undefined) return known;
    return remember ? this.memo.serialize(value) : toJson(value);
  }

  emit(type: string, detailsKey?: string, details?: EventDetails, updateSource = true): number {
    return this.events.add(this.ctx, type, detailsKey, details, updateSource);
  }

  now(): number {
    return this.runtime.scheduler.now();
  }

  /** Throws if the execution ended or this thread was aborted. */
  checkAlive(): void {
    const termination = this.runtime.termination;
    if (termination) throw termination;
    if (this.scope.aborted) throw new BranchAborted();
  }

  /** Sleeps `ms` of virtual time; wakes early (and throws) on abort or termination. */
  async sleep(ms: number): Promise<void> {
    if (ms <= 0) {
      this.checkAlive();
      return;
    }
    const timer = this.runtime.scheduler.timer(ms);
    try {
      await Promise.race([timer.promise, this.scope.whenAborted]);
    } finally {
      timer.cancel();
    }
    this.checkAlive();
  }

  /** Waits for `work`, waking early (and throwing) on abort or termination. */
  async race<T>(work: Promise<T>): Promise<T> {
    const result = await Promise.race([work, this.scope.whenAborted.then(() => ABORTED)]);
    this.checkAlive();
    return result as T;
  }
}

const ABORTED = Symbol("aborted");
