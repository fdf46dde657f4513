import { z } from "zod";
import { MockConfigError } from "../asl/mocks";
import { JsonPatchError, patchIssues, type JsonPatchOperation } from "./json-patch";
import { ReplayRequestError } from "./replay-errors";
import type { StoredReplayOptions } from "./replay-store";

const patchSchema = z
  .array(z.record(z.string(), z.unknown()))
  .max(1000)
  .superRefine((ops, ctx) => {
    for (const issue of patchIssues(ops)) ctx.addIssue({ code: "custom", message: issue });
  });

/** The body of `POST /api/executions/{id}/replay`. */
export const replayRequestSchema = z
  .object({
    /** A checkpoint: an event id (any state entry or retried attempt), a state name or a path like `Fan[2]/Work@2` (see findCheckpoint). */
    from: z.union([z.string().trim().min(1).max(200), z.number().int().positive()]).optional(),
    input: z.unknown().optional(),
    patch: patchSchema.optional(),
    definition: z.string().min(2).max(1_048_576).optional(),
    missing: z
      .union([
        z.enum(["fail", "examples"]),
        z.object({ mocks: z.record(z.string(), z.unknown()), testCase: z.string().min(1).max(200) }).strict(),
      ])
      .optional(),
  })
  .strict();

export type ReplayRequest = z.infer<typeof replayRequestSchema>;

/** The replay options a request asks for; without `missing`, the default rule the caller gives. */
export function replayOptionsFrom(
  body: ReplayRequest,
  raw: Record<string, unknown>,
  defaultMissing: "fail" | "examples",
): StoredReplayOptions {
  return {
    from: body.from,
    ...(Object.hasOwn(raw, "input") ? { input: raw.input } : {}),
    patch: body.patch as JsonPatchOperation[] | undefined,
    definition: body.definition,
    onMissing: body.missing ?? defaultMissing,
  };
}

/** The request field a replay error is about (for a 400 naming it), or undefined for other errors. */
export function replayErrorField(error: unknown): string | undefined {
  if (error instanceof ReplayRequestError) return error.field;
  // the same, come back from the worker that ran the replay (lib/bounded/replay-task.ts names it)
  const named = error instanceof Error ? (error as { field?: unknown }).field : undefined;
  if (typeof named === "string") return named;
  if (error instanceof JsonPatchError) return "patch";
  if (error instanceof MockConfigError) return "missing.mocks";
  return undefined;
}
