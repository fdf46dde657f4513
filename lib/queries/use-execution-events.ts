"use client";

import { useQuery } from "@tanstack/react-query";
import type { EventDto } from "../model/execution";

/** How often the page of a running execution asks for its history again. */
export const LIVE_REFRESH_MS = 3000;

const CLOSING_TYPES = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]);

/** True once the history ends with the execution's closing event (a redrive opens it again). */
export function historyClosed(events: readonly EventDto[] | undefined): boolean {
  const last = events?.[events.length - 1];
  return last !== undefined && CLOSING_TYPES.has(last.type);
}

/**
 * The full history of one execution, fetched once the page shell is on screen. With `live` (the
 * execution was RUNNING when the page loaded) it is fetched again every LIVE_REFRESH_MS until the
 * history closes.
 */
export function useExecutionEvents(executionId: string, { live = false }: { live?: boolean } = {}) {
  return useQuery({
    queryKey: ["execution-events", executionId],
    queryFn: async (): Promise<EventDto[]> => {
      const response = await fetch(`/api/executions/${encodeURIComponent(executionId)}/events`, { cache: "no-store" });
      if (!response.ok) throw new Error(`loading the history failed: HTTP ${response.status}`);
      return (await response.json()) as EventDto[];
    },
    staleTime: live ? 0 : Infinity,
    refetchInterval: (query) => (live && !historyClosed(query.state.data) ? LIVE_REFRESH_MS : false),
    refetchIntervalInBackground: false,
  });
}
