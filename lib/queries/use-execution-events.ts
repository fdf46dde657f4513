"use client";

import { useQuery } from "@tanstack/react-query";
import type { EventDto } from "../model/execution";

/** The full history of one execution, fetched once the page shell is on screen. */
export function useExecutionEvents(executionId: string) {
  return useQuery({
    queryKey: ["execution-events", executionId],
    queryFn: async (): Promise<EventDto[]> => {
      const response = await fetch(`/api/executions/${encodeURIComponent(executionId)}/events`);
      if (!response.ok) throw new Error(`loading the history failed: HTTP ${response.status}`);
      return (await response.json()) as EventDto[];
    },
    staleTime: Infinity,
  });
}
