import type { Clock, WallClock } from "../ports";

/**
 * A small discrete-event scheduler over a virtual clock. Concurrent work (Parallel branches, Map
 * iterations) runs as ordinary promises; whenever every one of them is blocked on `sleep`, the
 * scheduler advances virtual time to the earliest pending timer and wakes it. Nothing sleeps in
 * real time. Work that is really asynchronous (a task invoker doing I/O) is registered through
 * `track`, and virtual time stands still until it settles, so runs stay deterministic.
 */
export class Scheduler implements Clock {
  private time: number;
  private readonly heap: Timer[] = [];
  private seq = 0;
  private pendingExternal = 0;
  private wake: (() => void) | undefined;
  /** With a wall clock: the wall time at which the run loop began waiting in real time. */
  private waitingSince: number | undefined;

  /**
   * Without `wall`, time is purely virtual (deterministic: replay, conformance, runExecution).
   * With it, time also runs with the wall clock while the execution waits in real time: for the
   * outside world (a task token, an activity worker, a task invoker's I/O), so those waits, their
   * timeouts and heartbeats take real time and the history shows it; and, when `waits` is "real",
   * for Wait states and retry backoff, which "fast" (the default) fast-forwards whenever nothing
   * outside is awaited. The engine's own computing takes no time either way.
   */
  constructor(
    startMs: number,
    private readonly wall?: WallClock,
    private waits: WaitClock = "fast",
  ) {
    this.time = startMs;
  }

  now(): number {
    return this.waitingSince === undefined ? this.time : this.time + (this.wall!.now() - this.waitingSince);
  }

  /**
   * A timer firing `ms` of virtual time from now; `cancel()` drops it. An `outside` timer guards
   * a wait for the outside world (a task token's timeout or heartbeat): while the run holds
   * outside timers, virtual time stops at them until the outside answers.
   */
  timer(ms: number, outside = false): TimerHandle {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    const timer: Timer = { at: this.now() + Math.max(0, ms), seq: this.seq++, resolve, cancelled: false, outside };
    heapPush(this.heap, timer);
    return {
      promise,
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /**
   * Moves virtual time forward to `ms` (never back): a re-run of an interrupted execution catching
   * up with the time that really passed while it was down. Timers due by then fire next.
   */
  advanceTo(ms: number): void {
    const now = this.now();
    if (ms > now) this.time += ms - now;
  }

  /** Switches how Wait states and backoff run from now on (a re-run catches up fast, then waits as asked). */
  setWaits(waits: WaitClock): void {
    this.waits = waits;
  }

  sleep(ms: number): Promise<void> {
    return this.timer(ms).promise;
  }

  /** Registers real asynchronous work: virtual time does not advance while it is pending. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pendingExternal++;
    const settle = () => {
      this.pendingExternal--;
      this.signal();
    };
    work.then(settle, settle);
    return work;
  }

  /** Wakes the run loop (an external event arrived: a task token, a stop request). */
  signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /**
   * Drives timers until `done` settles. `policy.holdOutside()` says whether outside timers must
   * wait for the outside world (an execution handle is live and tokens are outstanding);
   * `policy.waitingOutside()` whether an idle run legitimately waits for the outside; otherwise an
   * idle run is stuck and `policy.onStuck()` must make `done` settle.
   */
  async run(done: Promise<unknown>, policy: RunPolicy): Promise<void> {
    if (this.wall) return this.runOnWallClock(done, policy, this.wall);
    let finished = false;
    const finish = () => {
      finished = true;
      this.signal();
    };
    done.then(finish, finish);
    while (!finished) {
      await nextMacrotask();
      if (finished) break;
      if (this.pendingExternal > 0) {
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      const timer = this.popLive();
      if (!timer) {
        if (policy.waitingOutside()) await new Promise<void>((r) => (this.wake = r));
        else policy.onStuck();
        continue;
      }
      if (timer.outside && policy.holdOutside()) {
        heapPush(this.heap, timer);
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      if (timer.at > this.time) this.time = timer.at;
      timer.resolve();
      // Wake every other timer due at the same instant together (they are simultaneous).
      while (this.heap.length > 0 && this.heap[0].at <= this.time) {
        const same = heapPop(this.heap)!;
        if (!same.cancelled) same.resolve();
      }
    }
  }

  /**
   * The run loop with a wall clock: due timers fire; otherwise, while the outside world is
   * awaited (or with real waits), the loop sleeps in real time until the next timer or a signal,
   * and when nothing outside is awaited a fast clock jumps to the next timer.
   */
  private async runOnWallClock(done: Promise<unknown>, policy: RunPolicy, wall: WallClock): Promise<void> {
    let finished = false;
    const finish = () => {
      finished = true;
      this.signal();
    };
    done.then(finish, finish);
    try {
      while (!finished) {
        await nextMacrotask();
        if (finished) break;
        const timer = this.peekLive();
        const outsideAwaited = this.pendingExternal > 0 || policy.waitingOutside();
        if (!timer) {
          if (outsideAwaited) await this.waitInRealTime(wall, undefined);
          else policy.onStuck();
          continue;
        }
        const now = this.now();
        if (timer.at > now) {
          if (this.waits === "real" || outsideAwaited || timer.outside) {
            await this.waitInRealTime(wall, timer.at - now);
            continue;
          }
          this.stopRealTime(wall);
          this.time = timer.at;
        }
        // The engine's own work from here on takes no time; every timer due by now fires, in order.
        this.stopRealTime(wall);
        const at = this.time;
        while (this.heap.length > 0 && this.heap[0].at <= at) {
          const due = heapPop(this.heap)!;
          if (!due.cancelled) due.resolve();
        }
      }
    } finally {
      this.stopRealTime(wall);
    }
  }

  /**
   * Blocks the run loop until a signal (or `ms` of real time). The clock runs with the wall clock
   * from here until the loop itself next fires a timer, so what the outside world triggers
   * meanwhile (a callback's answer) is stamped with the real time it arrived.
   */
  private async waitInRealTime(wall: WallClock, ms: number | undefined): Promise<void> {
    // the host's timers hold at most 2^31-1 ms; waking earlier only makes the loop wait again
    const cancel = ms === undefined ? undefined : wall.setTimer(Math.min(ms, MAX_TIMER_MS), () => this.signal());
    this.waitingSince ??= wall.now();
    try {
      await new Promise<void>((r) => (this.wake = r));
    } finally {
      cancel?.();
    }
  }

  /** Folds the real time that ran into the clock and stops it. */
  private stopRealTime(wall: WallClock): void {
    if (this.waitingSince === undefined) return;
    this.time += wall.now() - this.waitingSince;
    this.waitingSince = undefined;
  }

  private peekLive(): Timer | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) heapPop(this.heap);
    return this.heap[0];
  }

  private popLive(): Timer | undefined {
    while (this.heap.length > 0) {
      const timer = heapPop(this.heap)!;
      if (!timer.cancelled) return timer;
    }
    return undefined;
  }
}

const MAX_TIMER_MS = 2_147_483_647;

/** How timers no outside party is involved in run on a wall clock: fast-forwarded, or in real time. */
export type WaitClock = "fast" | "real";

export interface RunPolicy {
  holdOutside(): boolean;
  waitingOutside(): boolean;
  onStuck(): void;
}

export interface TimerHandle {
  promise: Promise<void>;
  cancel(): void;
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
  cancelled: boolean;
  outside: boolean;
}

const immediate: (cb: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === "function"
    ? (cb) => (globalThis as unknown as { setImmediate: (cb: () => void) => void }).setImmediate(cb)
    : (cb) => setTimeout(cb, 0);

/** Resolves after every queued microtask has run. */
function nextMacrotask(): Promise<void> {
  return new Promise((r) => immediate(r));
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function heapPush(heap: Timer[], timer: Timer): void {
  heap.push(timer);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function heapPop(heap: Timer[]): Timer | undefined {
  if (heap.length === 0) return undefined;
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}
