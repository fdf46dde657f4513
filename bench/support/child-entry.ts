/**
 * Entry of a bench child process: `child-entry.ts <module> <export> <options-json>` imports the
 * module (path relative to the repo root), awaits `module[export](options)` and writes the result
 * as JSON to $BENCH_RESULT_FILE.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modulePath, exportName, optionsJson] = process.argv.slice(2);
const mod = (await import(pathToFileURL(path.resolve(modulePath)).href)) as Record<string, unknown>;
const fn = mod[exportName];
if (typeof fn !== "function") throw new Error(`${modulePath} does not export a function ${exportName}`);
const result = await (fn as (options: unknown) => unknown)(JSON.parse(optionsJson ?? "{}"));
const file = process.env.BENCH_RESULT_FILE;
if (file) writeFileSync(file, JSON.stringify(result));
else process.stdout.write(`${JSON.stringify(result)}\n`);
// Prisma clients, timers or the peer's pending timeouts must not keep a finished child alive.
process.exit(0);
