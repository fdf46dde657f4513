"use client";

import { useMutation } from "@tanstack/react-query";
import type { ExecutionDiff } from "@/lib/replay/diff-executions";

export interface ReplayRequestBody {
  from?: number;
  input?: unknown;
  missing?: "fail" | "examples";
}

export interface ReplayResponse {
  replayId: string;
  name: string;
  status: string;
  diff: ExecutionDiff;
}

/** POST /api/executions/{id}/replay; errors carry the API's message and the fields it named. */
export function useReplayMutation(executionId: string) {
  return useMutation({
    mutationFn: async (body: ReplayRequestBody): Promise<ReplayResponse> => {
      const response = await fetch(`/api/executions/${encodeURIComponent(executionId)}/replay`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const payload = (await response.json().catch(() => ({}))) as Partial<ReplayResponse> & { error?: string; issues?: string[] };
      if (!response.ok) throw new Error([payload.error ?? `HTTP ${response.status}`, ...(payload.issues ?? [])].join(": "));
      return payload as ReplayResponse;
    },
  });
}
