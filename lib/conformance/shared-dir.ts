import { existsSync } from "node:fs";
import path from "node:path";

/** `../shared/conformance` relative to the repository root, or undefined when it is absent. */
export function sharedConformanceDir(): string | undefined {
  const dir = path.resolve(import.meta.dirname, "../../../shared/conformance");
  return existsSync(dir) ? dir : undefined;
}
