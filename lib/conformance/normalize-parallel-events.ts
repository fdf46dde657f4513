import { canonicalJson } from "./canonical-json";

type Event = Record<string, unknown>;

const PARALLEL_END = new Set(["ParallelStateSucceeded", "ParallelStateAborted", "ParallelStateExited", "ParallelStateFailed"]);

const byCanonicalText = (a: Event, b: Event) => {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Reproduces the recorder's Parallel normaliser on an event list (in place): events after a
 * `ParallelStateStarted` get id `[0]` and previousEventId 0, and at the next Parallel end event
 * the slice since the start is replaced by those events sorted. Its quirks are kept on purpose
 * because the recordings carry them: a later end event (`ParallelStateExited` after
 * `ParallelStateSucceeded`) replaces the slice again and so drops the event in between, and a
 * nested start restarts the collection.
 */
export function normalizeParallelEvents(events: Event[]): Event[] {
  let start = 0;
  let sublist: Event[] = [];
  let inSublist = false;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const type = event.type;
    if (typeof type !== "string") {
      inSublist = false;
    } else if (PARALLEL_END.has(type)) {
      events.splice(start, i - start, ...[...sublist].sort(byCanonicalText));
      inSublist = false;
    } else if (type === "ParallelStateStarted") {
      inSublist = true;
      sublist = [];
      start = i + 1;
    } else if (inSublist) {
      event.id = [0];
      event.previousEventId = 0;
      sublist.push(event);
    }
  }
  return sortNormalizedRuns(events);
}

/**
 * Sorts every run of consecutive normalised events (id `[0]`) by canonical JSON text, so two
 * lists normalised by different serialisers (the recorder sorted by Python's JSON text) line up
 * when they hold the same events.
 */
export function sortNormalizedRuns(events: Event[]): Event[] {
  const out: Event[] = [];
  let run: Event[] = [];
  const flush = () => {
    out.push(...run.sort(byCanonicalText));
    run = [];
  };
  for (const event of events) {
    if (Array.isArray(event.id)) run.push(event);
    else {
      flush();
      out.push(event);
    }
  }
  flush();
  return out;
}
