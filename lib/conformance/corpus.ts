/**
 * The one place that says where the repository's test corpus lives (`test-data/`, see
 * test-data/NOTICE): AWS-recorded conformance cases and exported execution histories.
 * `statelens conformance` runs it when given no folder; tests, the fuzzers' seeds, the load benches
 * and the e2e store reach it through testing/corpus.ts. Nothing reads a folder outside the repository.
 */
import path from "node:path";
import { CORPUS_PATHS } from "./corpus-paths";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** `test-data/` at the repository root. */
export const TEST_DATA_DIR = path.join(REPO_ROOT, CORPUS_PATHS.root);
/** Recorded AWS executions, one JSON case per file: `pure/` (no AWS service) and `service/`. */
export const CONFORMANCE_DIR = path.join(REPO_ROOT, CORPUS_PATHS.conformance);
/** The same executions as `get-execution-history` exports: `<case>.history.json` + `<case>.definition.json`. */
export const HISTORIES_DIR = path.join(REPO_ROOT, CORPUS_PATHS.histories);
