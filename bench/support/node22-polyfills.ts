/**
 * aws-local-stepfunctions 3 targets Node 22 and calls Promise.withResolvers (ES2024) in its Task
 * state; Node 20 lacks it. This installs the standard behaviour when missing, nothing else.
 */
export function installNode22Polyfills(): void {
  const ctor = Promise as unknown as { withResolvers?: unknown };
  if (typeof ctor.withResolvers === "function") return;
  ctor.withResolvers = function withResolvers<T>() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
