import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { setPriority } from "node:os";
import { LimitExceeded } from "./limit-exceeded";
import { formatMs } from "./limits";

export interface PoolOptions {
  /** The worker entry (lib/bounded/eval-worker.mjs). */
  file: string;
  /** Workers kept at most; tasks beyond wait in line. */
  size: number;
  /** Each worker's old-generation heap (--max-old-space-size). */
  memoryMb: number;
  /** A task the workers get ready for before they report ready (e.g. "replay": loads the engine). */
  preload?: string;
}

export interface TaskLimit {
  /** What the error names: "the input condition", "the replay". */
  what: string;
  /**
   * CPU time the task may use once a worker took it (not its wait in line); where the worker's CPU
   * time cannot be read (not Linux), wall-clock time. At most WALL_FACTOR x this in wall-clock
   * time either way, so a starved worker on a busy machine is not cut short, nor kept forever.
   */
  timeMs: number;
  /** The time limit as the error names it, when `timeMs` is what is left of a larger one. */
  named?: number;
  /** Told how long the task ran in its worker (CPU ms where readable), when it ended in time. */
  ran?: (ms: number) => void;
}

/** An error a task threw inside its worker: its name and message, and the field it is about. */
export class WorkerTaskError extends Error {
  constructor(
    name: string,
    message: string,
    readonly field?: string,
  ) {
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
  child: ChildProcess;
  ready: Promise<void>;
  job?: Job;
  timer?: ReturnType<typeof setTimeout>;
  startedAt?: number;
  /** The worker's CPU time (ms) as the task started, when readable. */
  cpuAtStart?: number;
  /** The worker's stderr so far (V8 reports running out of heap there). */
  stderr: string;
}

/**
 * Workers run below the server's priority: neither a runaway spinning on every core nor a replay
 * worker loading the engine may starve the server's requests (warm pools hide the slower start).
 */
function lowerPriority(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) setPriority(child.pid, NICE);
  } catch {
    // not permitted here: the worker keeps the server's priority
  }
}

/** The workers' scheduling priority (nice value; the server's is usually 0). */
const NICE = 5;
/** A task's wall-clock time is limited to this many times its CPU time limit. */
export const WALL_FACTOR = 2;

/** A process's CPU time in ms (user + system) from /proc (Linux), else undefined. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[11], [12]: utime, stime (fields 14 and 15 of proc(5)), in clock ticks of 10 ms
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** The CPU ms (or, where unreadable, wall-clock ms) the slot's task has used so far. */
function used(slot: Slot): number {
  const now = cpuMs(slot.child.pid);
  if (now !== undefined && slot.cpuAtStart !== undefined) return now - slot.cpuAtStart;
  return performance.now() - (slot.startedAt ?? performance.now());
}

type Reply = { ready?: boolean; ok?: boolean; value?: unknown; error?: { name: string; message: string; field?: string } };

/**
 * A small pool of reused worker processes, each with a heap limit. A task that runs past its time
 * limit has its worker killed (a runaway cannot be interrupted any other way) and fails with
 * LimitExceeded, as does one whose worker runs out of heap; the pool starts a fresh worker on
 * demand (at once after warm()). Processes, not worker_threads: Node gives a worker thread at its resourceLimits only
 * 16 MB of leeway, and one larger allocation (a long string, a 1e7-item range) then aborts the
 * whole server (seen with Node 20). Idle workers do not keep the process alive, and exit with it.
 */
export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly idle: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Set by warm(): workers lost to a limit are replaced at once, not by the next task. */
  private keepWarm = false;

  constructor(private readonly options: PoolOptions) {}

  run<T>(task: string, payload: unknown, limit: TaskLimit): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, payload, limit, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** Starts the workers now (idle), so the first tasks do not wait for them to start. */
  warm(): void {
    this.keepWarm = true;
    while (this.slots.size < this.options.size) this.idle.push(this.spawn());
  }

  /** Kills every worker (tasks in flight fail). */
  close(): void {
    this.keepWarm = false;
    for (const slot of [...this.slots]) {
      this.drop(slot);
      slot.child.kill("SIGKILL");
    }
  }

  private pump(): void {
    while (this.queue.length) {
      const slot = this.idle.pop() ?? (this.slots.size < this.options.size ? this.spawn() : undefined);
      if (!slot) return;
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const child = fork(this.options.file, this.options.preload ? ["--preload", this.options.preload] : [], {
      execArgv: [`--max-old-space-size=${this.options.memoryMb}`],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    lowerPriority(child);
    let started: () => void = () => {};
    let failed: (error: unknown) => void = () => {};
    const slot: Slot = { child, stderr: "", ready: new Promise<void>((resolve, reject) => ((started = resolve), (failed = reject))) };
    slot.ready.catch(() => {});
    this.idleRefs(slot, false);
    child.stderr!.on("data", (chunk: Buffer) => {
      slot.stderr = (slot.stderr + chunk.toString()).slice(-4096);
    });
    child.on("message", (message: Reply) => {
      if (message.ready) return started();
      const job = slot.job;
      if (!job) return;
      job.limit.ran?.(used(slot));
      this.release(slot);
      if (message.ok) job.resolve(message.value);
      else job.reject(new WorkerTaskError(message.error!.name, message.error!.message, message.error!.field));
    });
    const lost = (error: Error) => {
      failed(error);
      const job = slot.job;
      this.drop(slot);
      if (!job) return;
      if (/heap out of memory|Reached heap limit/.test(slot.stderr))
        job.reject(new LimitExceeded(job.limit.what, "memory", `its ${this.options.memoryMb} MB memory limit`));
      else job.reject(new Error(`${error.message}${slot.stderr.trim() ? `: ${slot.stderr.trim().split("\n").slice(-3).join(" ")}` : ""}`));
    };
    child.on("error", lost);
    child.on("exit", (code, signal) => lost(new Error(`evaluation worker exited (${signal ?? code})`)));
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    this.idleRefs(slot, true);
    slot.ready.then(
      () => {
        if (slot.job !== job) return;
        const check = () => {
          const wall = performance.now() - slot.startedAt!;
          const left = job.limit.timeMs - used(slot);
          if (left > 0 && wall < job.limit.timeMs * WALL_FACTOR) {
            slot.timer = setTimeout(check, Math.max(left, 25));
            return;
          }
          this.drop(slot);
          slot.child.kill("SIGKILL");
          job.reject(new LimitExceeded(job.limit.what, "time", `its ${formatMs(job.limit.named ?? job.limit.timeMs)} time limit`));
        };
        slot.timer = setTimeout(check, job.limit.timeMs);
        slot.startedAt = performance.now();
        slot.cpuAtStart = cpuMs(slot.child.pid);
        slot.child.send({ task: job.task, payload: job.payload });
      },
      () => {},
    );
  }

  /** A busy worker keeps the process alive; an idle one does not. */
  private idleRefs(slot: Slot, busy: boolean): void {
    const channel = slot.child.channel as { ref?(): void; unref?(): void } | undefined;
    if (busy) {
      slot.child.ref();
      channel?.ref?.();
    } else {
      slot.child.unref();
      channel?.unref?.();
    }
    const stderr = slot.child.stderr as unknown as { ref?(): void; unref?(): void } | null;
    if (busy) stderr?.ref?.();
    else stderr?.unref?.();
  }

  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    this.idleRefs(slot, false);
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
    // Starting a process blocks this thread for a moment (much longer in a big server on a busy
    // machine): a warm pool does it right after the loss, not inside the next request.
    if (this.keepWarm) setImmediate(() => this.keepWarm && this.slots.size < this.options.size && this.warm());
  }
}
