import type { WaitClock, WallClock } from "../asl";

/** The system clock and timers, for executions that wait for the outside world in real time. */
export const systemWallClock: WallClock = {
  now: () => Date.now(),
  setTimer(ms, fire) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * How the local service's executions keep time: "fast" (the default) and "real" wait for
 * callbacks, activity workers and their timeouts/heartbeats on the wall clock, and fast-forward
 * Wait states and retry backoff ("fast") or wait for them too ("real"); "virtual" keeps every
 * wait on the virtual clock (a callback answered minutes later is recorded at the instant it was
 * submitted; timeouts of callbacks fire only when nothing else can happen).
 */
export type WaitClockMode = WaitClock | "virtual";

export const WAIT_CLOCK_MODES: readonly WaitClockMode[] = ["fast", "real", "virtual"];

export const WAIT_CLOCK_HELP =
  "fast (default): callbacks, activities and their timeouts/heartbeats take real time, Wait states are fast-forwarded; real: Wait states take real time too; virtual: nothing takes real time (a callback is recorded at the instant it was submitted). Default: STATELENS_WAIT_CLOCK";

/** The mode given, else STATELENS_WAIT_CLOCK, else "fast"; anything else is an error that names the choices. */
export function readWaitClock(given: string | undefined, env: Record<string, string | undefined> = process.env): WaitClockMode {
  const raw = given ?? env.STATELENS_WAIT_CLOCK ?? "fast";
  const mode = raw.trim().toLowerCase();
  if (!(WAIT_CLOCK_MODES as readonly string[]).includes(mode)) {
    const source = given === undefined ? "STATELENS_WAIT_CLOCK" : "the wait clock";
    throw new Error(`${source} must be one of ${WAIT_CLOCK_MODES.join(", ")}, got "${raw}"`);
  }
  return mode as WaitClockMode;
}
