import type { SfnStore } from "./sfn-types";

export interface LocalActivity {
  activityArn: string;
  name: string;
  creationDate: Date;
  /** Kept as given (CreateActivity accepts them; a repeated create leaves them as they were, as AWS does). */
  tags: { key: string; value: string }[];
  encryptionType: string;
}

/** A scheduled activity task, waiting for a worker's GetActivityTask. */
export interface ActivityTask {
  taskToken: string;
  /** The ActivityScheduled input as JSON text, what the worker receives. */
  input: string;
  executionArn: string;
  /** Called once a worker takes the task (its ActivityStarted). */
  take(workerName: string | undefined): void;
}

interface Poll {
  activityArn: string;
  deliver(task: ActivityTask | undefined): void;
}

/**
 * The activities of one local service and their task queues: a Task state on an activity
 * schedules an ActivityTask here, and GetActivityTask long-polls for it. A task goes to the
 * longest-waiting poll at once, else it queues (first in, first out) until a worker asks, its
 * TimeoutSeconds passes or its execution stops (`withdraw`).
 */
export class ActivityRegistry {
  readonly activities = new Map<string, LocalActivity>();
  private readonly queues = new Map<string, ActivityTask[]>();
  private readonly polls: Poll[] = [];

  schedule(activityArn: string, task: ActivityTask): void {
    const poll = this.polls.find((p) => p.activityArn === activityArn);
    if (poll) {
      this.polls.splice(this.polls.indexOf(poll), 1);
      poll.deliver(task);
      return;
    }
    const queue = this.queues.get(activityArn) ?? [];
    queue.push(task);
    this.queues.set(activityArn, queue);
  }

  /**
   * The next task of the activity, waiting up to `ms` for one; undefined when none came or
   * `signal` aborted first (the poller left: the task waits for the next one).
   */
  poll(activityArn: string, ms: number, signal?: AbortSignal): Promise<ActivityTask | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    const queued = this.queues.get(activityArn)?.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", end);
        const index = this.polls.indexOf(poll);
        if (index >= 0) this.polls.splice(index, 1);
        resolve(undefined);
      };
      const poll: Poll = {
        activityArn,
        deliver: (task) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", end);
          resolve(task);
        },
      };
      const timer = setTimeout(end, ms);
      timer.unref?.();
      signal?.addEventListener("abort", end);
      this.polls.push(poll);
    });
  }

  /** Drops a task no worker took (timed out, execution stopped). */
  withdraw(taskToken: string): void {
    for (const [arn, queue] of this.queues) {
      const left = queue.filter((task) => task.taskToken !== taskToken);
      if (left.length !== queue.length) this.queues.set(arn, left);
    }
  }

  /** DeleteActivity: the activity is gone, and polls waiting on it end empty. */
  delete(activityArn: string): void {
    this.activities.delete(activityArn);
    for (const poll of this.polls.filter((p) => p.activityArn === activityArn)) {
      this.polls.splice(this.polls.indexOf(poll), 1);
      poll.deliver(undefined);
    }
  }
}

// Kept beside the store rather than in it, so the store's shape (sfn-types.ts) stays as it is.
const registries = new WeakMap<SfnStore, ActivityRegistry>();

/** The activity registry of a store (created on first use). */
export function activityRegistry(store: SfnStore): ActivityRegistry {
  let registry = registries.get(store);
  if (!registry) {
    registry = new ActivityRegistry();
    registries.set(store, registry);
  }
  return registry;
}
