/**
 * Waits until `done` settles, or `waiting` settles (the execution now waits for a callback) and
 * the engine has had a few turns to register the waiter, or `ms` of real time pass; whichever
 * comes first. Executions run on the virtual clock, so most close within the first turns.
 */
export async function settle(done: Promise<unknown>, waiting: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
  try {
    await Promise.race([done.then(noop, noop), waiting.then(() => turns(5)), cap]);
  } finally {
    clearTimeout(timer);
  }
}

/** `n` macrotask turns (the engine's scheduler advances one step per turn). */
export async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function noop(): void {}
