/** A value that is ready now, or later (JSONata expressions the fast evaluator hands to jsonata). */
export type MaybePromise<T> = T | Promise<T>;

export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** `next(value)` now if `value` is ready, else once it settles: no promise when none is needed. */
export function andThen<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}
