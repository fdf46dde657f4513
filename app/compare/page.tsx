import { notFound } from "next/navigation";
import { CompareView, type CompareSide } from "@/components/replay/compare-view";
import { db } from "@/lib/db/client";
import type { StoredExecution } from "@/lib/db/get-execution";
import { compareStored } from "@/lib/replay/replay-store";
import { toEventDtos } from "@/lib/server/execution-dto";

export const dynamic = "force-dynamic";

function side(e: StoredExecution): CompareSide {
  return {
    id: e.id,
    name: e.name,
    status: e.status,
    source: e.source,
    definition: e.version?.definition ?? null,
    events: toEventDtos(e),
    durationMs: e.durationMs,
    stateMachine: e.stateMachine.name,
    replayOfId: e.replayOfId,
  };
}

/** /compare?a=<execution>&b=<execution>: an original and its replay (or any two executions) side by side. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const { a, b } = await searchParams;
  if (!a || !b)
    return (
      <p className="errorbox" role="alert">
        Give two executions to compare: /compare?a=&lt;id&gt;&amp;b=&lt;id&gt;
      </p>
    );
  let found: Awaited<ReturnType<typeof compareStored>>;
  try {
    found = await compareStored(db(), a, b);
  } catch (error) {
    return (
      <p className="errorbox" role="alert">
        {(error as Error).message}
      </p>
    );
  }
  // an HTTP 404 (app/compare/not-found.tsx), not a 200 page saying so
  if ("missing" in found) notFound();
  return <CompareView a={side(found.a)} b={side(found.b)} diff={found.diff} />;
}
