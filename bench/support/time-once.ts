/** Collects garbage first when the process runs with --expose-gc (every bench child does). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Wall time of one call in milliseconds, after a garbage collection so runs start alike. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  collectGarbage();
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
