import type { EventDetails, HistoryEvent } from "./types";

type EventFactory = (timestamp: Date, type: string, id: number, previousEventId: number, details: EventDetails) => HistoryEvent;

/**
 * One object literal per details key AWS documents. A history is kept whole until the execution
 * ends, so its events are the engine's longest-lived allocations: a literal whose keys are all
 * written out keeps every field inside the object, and V8 allocates literals that keep
 * surviving straight into the old generation instead of copying each of them twice through the
 * young one. (A literal given its details key afterwards, or as a computed key, has neither.)
 */
const FACTORIES = new Map<string, EventFactory>([
  [
    "activityFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, activityFailedEventDetails: d }),
  ],
  [
    "activityScheduleFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, activityScheduleFailedEventDetails: d }),
  ],
  [
    "activityScheduledEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, activityScheduledEventDetails: d }),
  ],
  [
    "activityStartedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, activityStartedEventDetails: d }),
  ],
  [
    "activitySucceededEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, activitySucceededEventDetails: d }),
  ],
  [
    "activityTimedOutEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, activityTimedOutEventDetails: d }),
  ],
  [
    "taskFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskFailedEventDetails: d }),
  ],
  [
    "taskScheduledEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskScheduledEventDetails: d }),
  ],
  [
    "taskStartFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskStartFailedEventDetails: d }),
  ],
  [
    "taskStartedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskStartedEventDetails: d }),
  ],
  [
    "taskSubmitFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskSubmitFailedEventDetails: d }),
  ],
  [
    "taskSubmittedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskSubmittedEventDetails: d }),
  ],
  [
    "taskSucceededEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskSucceededEventDetails: d }),
  ],
  [
    "taskTimedOutEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, taskTimedOutEventDetails: d }),
  ],
  [
    "executionFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, executionFailedEventDetails: d }),
  ],
  [
    "executionStartedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, executionStartedEventDetails: d }),
  ],
  [
    "executionSucceededEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, executionSucceededEventDetails: d }),
  ],
  [
    "executionAbortedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, executionAbortedEventDetails: d }),
  ],
  [
    "executionTimedOutEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, executionTimedOutEventDetails: d }),
  ],
  [
    "executionRedrivenEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, executionRedrivenEventDetails: d }),
  ],
  [
    "mapStateStartedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapStateStartedEventDetails: d }),
  ],
  [
    "mapIterationStartedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapIterationStartedEventDetails: d }),
  ],
  [
    "mapIterationSucceededEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapIterationSucceededEventDetails: d }),
  ],
  [
    "mapIterationFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapIterationFailedEventDetails: d }),
  ],
  [
    "mapIterationAbortedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapIterationAbortedEventDetails: d }),
  ],
  [
    "lambdaFunctionFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, lambdaFunctionFailedEventDetails: d }),
  ],
  [
    "lambdaFunctionScheduleFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, lambdaFunctionScheduleFailedEventDetails: d }),
  ],
  [
    "lambdaFunctionScheduledEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, lambdaFunctionScheduledEventDetails: d }),
  ],
  [
    "lambdaFunctionStartFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, lambdaFunctionStartFailedEventDetails: d }),
  ],
  [
    "lambdaFunctionSucceededEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, lambdaFunctionSucceededEventDetails: d }),
  ],
  [
    "lambdaFunctionTimedOutEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, lambdaFunctionTimedOutEventDetails: d }),
  ],
  [
    "stateEnteredEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, stateEnteredEventDetails: d }),
  ],
  [
    "stateExitedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, stateExitedEventDetails: d }),
  ],
  [
    "mapRunStartedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapRunStartedEventDetails: d }),
  ],
  [
    "mapRunFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapRunFailedEventDetails: d }),
  ],
  [
    "mapRunRedrivenEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, mapRunRedrivenEventDetails: d }),
  ],
  [
    "evaluationFailedEventDetails",
    (timestamp, type, id, previousEventId, d) => ({ timestamp, type, id, previousEventId, evaluationFailedEventDetails: d }),
  ],
]);

/** The details keys with a factory of their own (for tests). */
export const FACTORY_KEYS: readonly string[] = [...FACTORIES.keys()];

/**
 * A history event `{timestamp, type, id, previousEventId, [detailsKey]: details}` (fields in
 * that order; no details key when `detailsKey` is undefined).
 */
export function recordedEvent(
  timestamp: Date,
  type: string,
  id: number,
  previousEventId: number,
  detailsKey: string | undefined,
  details: EventDetails | undefined,
): HistoryEvent {
  if (!detailsKey) return { timestamp, type, id, previousEventId } as HistoryEvent;
  const factory = FACTORIES.get(detailsKey);
  if (factory) return factory(timestamp, type, id, previousEventId, details ?? {});
  const event = { timestamp, type, id, previousEventId } as HistoryEvent;
  (event as unknown as Record<string, unknown>)[detailsKey] = details ?? {};
  return event;
}
