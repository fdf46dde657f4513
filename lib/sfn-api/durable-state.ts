import type { TokenOutcome } from "../asl/evaluate/token-registry";
import { activityRegistry } from "./activity-registry";
import { executionRecord, type EngineChange, type EngineJournal, type EngineRecordKind } from "./engine-records";
import { resourcesOf } from "./resource-store";
import type { SfnStore } from "./sfn-types";

/** How long the engine's own changes (an execution waiting, closing) wait to be written with others. */
const WRITE_DELAY_MS = 20;

const recordKey = (kind: EngineRecordKind, key: string) => `${kind}\u0000${key}`;

/**
 * Keeps an EngineJournal in step with a local service's state. State machines, versions,
 * aliases, tags and activities are compared with what was last written (they are few; every
 * change, by whichever operation, is found); executions are written when the engine says they
 * changed (started, waiting, answered, closed, dropped). `flush()` resolves once everything
 * changed before the call is written: the service awaits it before answering a request, so what
 * a caller was told survives a kill -9 right after.
 */
export class DurableState {
  /** kind + key -> the body last written (or loaded). */
  private readonly written = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly answers = new Map<string, Map<string, TokenOutcome>>();
  private queue: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly journal: EngineJournal,
    private readonly store: SfnStore,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** What was loaded at the start: already written. */
  loaded(kind: EngineRecordKind, key: string, body: string): void {
    this.written.set(recordKey(kind, key), body);
  }

  /** A callback answer accepted for a running execution (kept with it until it closes). */
  answered(executionArn: string, token: string, outcome: TokenOutcome): void {
    let own = this.answers.get(executionArn);
    if (!own) this.answers.set(executionArn, (own = new Map()));
    own.set(token, outcome);
    this.changed(executionArn);
  }

  /** Answers a resumed execution starts with. */
  restoreAnswers(executionArn: string, answers: Record<string, TokenOutcome> | undefined): Map<string, TokenOutcome> {
    const own = new Map(Object.entries(answers ?? {}));
    if (own.size) this.answers.set(executionArn, own);
    return own;
  }

  /** The execution changed (or was dropped): written with the next flush, at most WRITE_DELAY_MS from now. */
  changed(executionArn: string): void {
    this.dirty.add(executionArn);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush({ resources: false }).catch((error: unknown) => this.onError(error));
    }, WRITE_DELAY_MS);
    this.timer.unref?.();
  }

  /**
   * Writes every change so far; rejects when the store refused them (they are tried again with the
   * next flush). `resources: false` skips comparing the resources (after a request that reads only).
   */
  flush(options: { resources?: boolean } = {}): Promise<void> {
    const resources = options.resources ?? true;
    const next = this.queue.then(() => this.writeChanges(resources));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async writeChanges(withResources: boolean): Promise<void> {
    const changes: EngineChange[] = [];
    const bodies = new Map<string, string | null>();
    const put = (kind: EngineRecordKind, key: string, body: string | null) => {
      const id = recordKey(kind, key);
      if (body === null ? !this.written.has(id) : this.written.get(id) === body) return;
      changes.push({ kind, key, body });
      bodies.set(id, body);
    };
    if (withResources) {
      const current = this.resourceBodies();
      for (const { kind, key, body } of current.values()) put(kind, key, body);
      for (const id of this.written.keys()) {
        const [kind, key] = id.split("\u0000") as [EngineRecordKind, string];
        if (kind !== "execution" && !current.has(id)) put(kind, key, null);
      }
    }
    const arns = [...this.dirty];
    this.dirty.clear();
    for (const arn of arns) {
      const execution = this.store.executions.get(arn);
      if (!execution) {
        this.answers.delete(arn);
        put("execution", arn, null);
        continue;
      }
      const running = execution.status === "RUNNING" && execution.handle;
      if (!running) this.answers.delete(arn);
      const clock = running ? { virtual: execution.handle!.now(), wall: Date.now() } : undefined;
      put("execution", arn, JSON.stringify(executionRecord(execution, clock, running ? this.answers.get(arn) : undefined)));
    }
    if (changes.length === 0) return;
    try {
      await this.journal.write(changes);
    } catch (error) {
      for (const arn of arns) this.dirty.add(arn);
      throw new Error(`statelens could not store the local engine's state: ${(error as Error).message ?? String(error)}`, {
        cause: error,
      });
    }
    for (const [id, body] of bodies) {
      if (body === null) this.written.delete(id);
      else this.written.set(id, body);
    }
  }

  /** Every state machine, version, version counter, alias, tag set and activity, as its record body. */
  private resourceBodies(): Map<string, { kind: EngineRecordKind; key: string; body: string }> {
    const out = new Map<string, { kind: EngineRecordKind; key: string; body: string }>();
    const add = (kind: EngineRecordKind, key: string, value: unknown) =>
      out.set(recordKey(kind, key), { kind, key, body: JSON.stringify(value) });
    const resources = resourcesOf(this.store);
    for (const [arn, machine] of this.store.stateMachines) add("machine", arn, machine);
    for (const [arn, version] of resources.versions) add("version", arn, version);
    for (const [arn, counter] of resources.versionCounters) add("version-counter", arn, counter);
    for (const [arn, alias] of resources.aliases) add("alias", arn, alias);
    for (const [arn, tags] of resources.tags) if (tags.size) add("tags", arn, [...tags]);
    for (const [arn, activity] of activityRegistry(this.store).activities) add("activity", arn, activity);
    return out;
  }
}
