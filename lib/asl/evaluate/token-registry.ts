import { StatesError } from "../errors";

/** How a waiting task ends: the result of SendTaskSuccess / SendTaskFailure. */
export type TokenOutcome = { output: unknown } | { error?: string; cause?: string };

interface Waiter {
  settle(outcome: TokenOutcome): void;
  heartbeat(): void;
}

/**
 * Task tokens of `.waitForTaskToken` tasks and activities that wait for the outside world.
 * The execution handle's sendTask* methods land here.
 */
export class TokenRegistry {
  private readonly waiters = new Map<string, Waiter>();
  /** Outcomes that arrived before the task started waiting (an invoker answering synchronously). */
  private readonly early = new Map<string, TokenOutcome>();

  constructor(private readonly onChange: () => void) {}

  get size(): number {
    return this.waiters.size;
  }

  /** Waits for `token`; `onHeartbeat` runs on each SendTaskHeartbeat. */
  wait(token: string, onHeartbeat: () => void): { promise: Promise<TokenOutcome>; cancel(): void } {
    let settle!: (outcome: TokenOutcome) => void;
    const promise = new Promise<TokenOutcome>((resolve) => (settle = resolve));
    const early = this.early.get(token);
    if (early) {
      this.early.delete(token);
      settle(early);
    } else {
      this.waiters.set(token, { settle, heartbeat: onHeartbeat });
    }
    return { promise, cancel: () => this.waiters.delete(token) };
  }

  private readonly issued = new Set<string>();

  /** Records a token that was handed out, so an answer arriving before the wait is kept. */
  issue(token: string): void {
    this.issued.add(token);
  }

  /** Forgets a token whose task is over (answered, timed out or aborted). */
  forget(token: string): void {
    this.issued.delete(token);
    this.early.delete(token);
    this.waiters.delete(token);
  }

  complete(token: string, outcome: TokenOutcome): void {
    const waiter = this.waiters.get(token);
    if (waiter) {
      this.waiters.delete(token);
      this.issued.delete(token);
      waiter.settle(outcome);
      this.onChange();
      return;
    }
    if (this.issued.has(token)) {
      this.issued.delete(token);
      this.early.set(token, outcome);
      return;
    }
    throw new StatesError("TaskDoesNotExist", `Task Token does not exist or has already completed: ${token}`);
  }

  heartbeat(token: string): void {
    const waiter = this.waiters.get(token);
    if (!waiter) {
      if (this.issued.has(token)) return;
      throw new StatesError("TaskDoesNotExist", `Task Token does not exist or has already completed: ${token}`);
    }
    waiter.heartbeat();
    this.onChange();
  }
}
