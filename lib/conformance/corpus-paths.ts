/**
 * Where the test corpus sits, relative to the repository root (no `import.meta`, so code bundled
 * by Next.js can import it and resolve against `process.cwd()`). Everything else uses the
 * absolute paths in ./corpus.ts.
 */
export const CORPUS_PATHS = {
  /** `test-data/` (see test-data/NOTICE) */
  root: "test-data",
  /** recorded AWS executions, one JSON case per file: `pure/` (no AWS service) and `service/` */
  conformance: "test-data/conformance",
  /** the same executions as `get-execution-history` exports: `<case>.history.json` + `<case>.definition.json` */
  histories: "test-data/histories",
} as const;
