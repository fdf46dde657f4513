#!/usr/bin/env node
// The statelens command line. The CLI is TypeScript; tsx loads it without a build step.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import path from "node:path";

register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), "../tsconfig.json") });
const { main } = await import("../lib/cli/main.ts");
await main(process.argv);
