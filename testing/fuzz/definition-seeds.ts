import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { EXAMPLE_WORKFLOWS } from "../../lib/examples";
import { seededRandom } from "../../lib/asl/ports";
import { CONFORMANCE_DIR } from "../corpus";
import type { Json } from "./mutate-json";

export interface DefinitionSeed {
  name: string;
  definition: Json;
  input: Json;
}

/**
 * Valid definitions to break: the four example workflows, plus every `stride`-th pure conformance
 * case recorded on AWS (JSONPath and JSONata, Map, Parallel, Choice, intrinsics, variables), from
 * the repository's test-data: the same pool on every machine.
 */
export function definitionSeeds(stride = 12): DefinitionSeed[] {
  const rand = seededRandom(3).random;
  const seeds: DefinitionSeed[] = EXAMPLE_WORKFLOWS.map((w, i) => ({
    name: w.name,
    definition: w.definition as Json,
    input: JSON.parse(JSON.stringify(w.input(i, rand) ?? null)) as Json,
  }));
  const dir = path.join(CONFORMANCE_DIR, "pure");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  for (let i = 0; i < files.length; i += stride) {
    const c = JSON.parse(readFileSync(path.join(dir, files[i]), "utf8")) as { definition: Json; input: Json };
    seeds.push({ name: files[i], definition: c.definition, input: c.input ?? {} });
  }
  return seeds;
}
