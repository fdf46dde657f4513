import { db } from "@/lib/db/client";
import { storedAsIngested } from "@/lib/db/stored-as-ingested";
import { exportExecution } from "@/lib/ingest/export-execution";
import { exportTest } from "@/lib/replay/export-test";
import { findStoredExecution, sourceFromStored } from "@/lib/replay/replay-store";
import { badRequest, notFound } from "@/lib/server/http";
import { findByRouteId } from "@/lib/server/route-id";

export const dynamic = "force-dynamic";

const FORMATS = ["statelens", "mock-config", "definition", "input"] as const;
type Format = (typeof FORMATS)[number];

/**
 * GET /api/executions/{id}/export?format=... downloads one stored execution:
 * - statelens (default): the export file `statelens ingest files` reads back;
 * - mock-config: a Step Functions Local MockConfigFile whose test case "Recorded" answers every Task
 *   as the recording did (with `definition` and `input`, a regression test:
 *   `statelens run definition.json --input input.json --mocks mock-config.json --test-case Recorded`);
 * - definition / input: the definition as it ran and the execution's input.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = (new URL(request.url).searchParams.get("format") ?? "statelens") as Format;
  if (!FORMATS.includes(format)) return badRequest(`format: must be one of ${FORMATS.join(", ")}`);
  const stored = await findByRouteId(id, (key) => findStoredExecution(db(), key)).catch(() => null);
  if (!stored) return notFound(`execution ${id}`);
  const file = (text: string, suffix: string) =>
    new Response(text, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${safeName(stored.name)}.${suffix}.json"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  if (format === "statelens") return file(exportExecution(storedAsIngested(stored)), "statelens");
  if (format === "input") return file(`${stored.input ?? "{}"}\n`, "input");
  const definition = stored.version?.definition;
  if (!definition) return badRequest(`execution ${stored.name} has no stored definition (import it with its state machine definition)`);
  if (format === "definition") return file(`${JSON.stringify(JSON.parse(definition), null, 2)}\n`, "definition");
  const source = sourceFromStored(stored);
  const exported = exportTest(source.events, source.definition, stored.stateMachine.name);
  return file(`${JSON.stringify(exported.mockConfig, null, 2)}\n`, "mock-config");
}

/** A file name from an execution name: letters, digits, dot, dash and underscore. */
function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, "_").slice(0, 80) || "execution";
}
