import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { notFound } from "next/navigation";
import "@/components/components.css";
import { ComponentGallery, type GallerySample } from "@/components/ui/component-gallery";
import { toEventDto } from "@/lib/model/execution";
import { CORPUS_PATHS } from "@/lib/conformance/corpus-paths";

export const dynamic = "force-dynamic";

/** Recorded executions worth looking at: retries, catches, Parallel, Map, time-outs. */
const RECORDED_CASES: [string, string][] = [
  ["scenarios.test_base_scenarios.TestBaseScenarios.test_lambda_invoke_with_retry_extended_input", "Lambda retried 3× then caught"],
  ["scenarios.test_base_scenarios.TestBaseScenarios.test_map_state_break_condition", "Map iteration fails"],
  ["scenarios.test_base_scenarios.TestBaseScenarios.test_parallel_state_retry", "Parallel retried, fails"],
  ["scenarios.test_base_scenarios.TestBaseScenarios.test_parallel_state_catch", "Parallel caught"],
  ["timeouts.test_timeouts.TestTimeouts.test_service_lambda_map_timeout", "Map of Lambda tasks times out"],
  ["assign.test_assign_base.TestAssignBase.test_base_cases_BASE_SCOPE_MAP-e66832", "Variables assigned in a Map"],
];

function load(file: string) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Dev-only page showing every dashboard component (components/**) with real and synthetic data. */
export default function ComponentsPage() {
  if (process.env.NODE_ENV === "production") notFound();
  const fixture = load(path.join(process.cwd(), "components/events/fixtures/parallel-retried.succeeded.json"));
  const samples: GallerySample[] = [
    {
      id: "fixture",
      title: "Parallel, branch task retried (fixture)",
      definition: JSON.stringify(fixture.definition),
      events: fixture.events.map(toEventDto),
    },
  ];
  const dir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), CORPUS_PATHS.histories);
  for (const [id, title] of RECORDED_CASES) {
    const history = path.join(dir, `${id}.history.json`);
    if (!existsSync(history)) continue;
    samples.push({
      id,
      title,
      definition: readFileSync(path.join(dir, `${id}.definition.json`), "utf8"),
      events: load(history).events.map(toEventDto),
    });
  }
  return (
    <div>
      <h1>Components</h1>
      <ComponentGallery samples={samples} />
    </div>
  );
}
