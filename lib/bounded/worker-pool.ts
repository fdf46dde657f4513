import { Worker } from "node:worker_threads";
import { LimitExceeded } from "./limit-exceeded";
import { formatMs } from "./limits";

export interface PoolOptions {
  /** The worker entry (lib/bounded/eval-worker.mjs). */
  file: string;
  /** Workers kept at most; tasks beyond wait in line. */
  size: number;
  /** Each worker's old-generation heap (resourceLimits.maxOldGenerationSizeMb). */
  memoryMb: number;
}

export interface TaskLimit {
  /** What the error names: "the input condition", "the replay". */
  what: string;
  /** Wall-clock time the task may run once a worker took it (not its wait in line). */
  timeMs: number;
  /** The time limit as the error names it, when `timeMs` is what is left of a larger one. */
  named?: number;
  /** Told how long the task ran in its worker (ms), when it ended in time. */
  ran?: (ms: number) => void;
}

/** An error a task threw inside its worker: its name and message, and the field it is about. */
export class WorkerTaskError extends Error {
  constructor(name: string, message: string, readonly field?: string) {
    super(message);
    this.name = name;
  }
}

interface Job {
  task: string;
  payload: unknown;
  limit: TaskLimit;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job?: Job;
  timer?: ReturnType<typeof setTimeout>;
  startedAt?: number;
}

/**
 * A small pool of reused worker threads with a heap limit each. A task that runs past its time
 * limit has its worker terminated (a runaway cannot be interrupted any other way) and fails with
 * LimitExceeded, as does one whose worker runs out of heap; the pool starts a fresh worker on
 * demand. Idle workers do not keep the process alive.
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly options: PoolOptions) {}

  run<T>(task: string, payload: unknown, limit: TaskLimit): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, payload, limit, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Terminates every worker (tasks in flight fail). */
  async close(): Promise<void> {
    const slots = [...this.slots];
    this.slots.clear();
    this.idle.length = 0;
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.idle.pop() ?? (this.slots.size < this.options.size ? this.spawn() : undefined);
      if (!slot) return;
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.file, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
    });
    worker.unref();
    let started: () => void = () => {};
    let failed: (error: unknown) => void = () => {};
    const slot: Slot = { worker, ready: new Promise<void>((resolve, reject) => ((started = resolve), (failed = reject))) };
    slot.ready.catch(() => {});
    worker.on("message", (message: { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: { name: string; message: string; field?: string } }) => {
      if (message.ready) return started();
      const job = slot.job;
      if (!job) return;
      job.limit.ran?.(performance.now() - (slot.startedAt ?? performance.now()));
      this.release(slot);
      if (message.ok) job.resolve(message.value);
      else job.reject(new WorkerTaskError(message.error!.name, message.error!.message, message.error!.field));
    });
    const lost = (error: unknown) => {
      failed(error);
      const job = slot.job;
      this.drop(slot);
      if (!job) return;
      const code = (error as { code?: string } | undefined)?.code;
      job.reject(code === "ERR_WORKER_OUT_OF_MEMORY" ? new LimitExceeded(job.limit.what, "memory", `its ${this.options.memoryMb} MB memory limit`) : error);
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`evaluation worker exited with code ${code}`)));
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.ready.then(
      () => {
        if (slot.job !== job) return;
        slot.timer = setTimeout(() => {
          this.drop(slot);
          void slot.worker.terminate();
          job.reject(new LimitExceeded(job.limit.what, "time", `its ${formatMs(job.limit.named ?? job.limit.timeMs)} time limit`));
        }, job.limit.timeMs);
        slot.worker.ref();
        slot.startedAt = performance.now();
        slot.worker.postMessage({ id: this.nextId++, task: job.task, payload: job.payload });
      },
      () => {},
    );
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.worker.unref();
    this.idle.push(slot);
    this.pump();
  }

  private drop(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (!this.slots.delete(slot)) return;
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    this.pump();
  }
}
