// The entry of statelens' evaluation worker processes (lib/bounded/worker-pool.ts). Plain JavaScript, so
// it runs the same under `next start`, `next dev`, tsx and vitest: input conditions need nothing
// else; the first replay registers tsx (a runtime dependency) to load the TypeScript engine.
import { fileURLToPath } from "node:url";
import path from "node:path";
import { conditionVerdicts } from "./condition-verdicts.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
let replayTask;

async function loadReplay() {
  if (replayTask) return replayTask;
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: path.join(here, "../../tsconfig.json") });
  ({ runReplayTask: replayTask } = await import("./replay-task.ts"));
  return replayTask;
}

async function run(task, payload) {
  if (task === "condition") return conditionVerdicts(payload.text, payload.inputs);
  if (task === "replay") return (await loadReplay())(payload);
  throw new Error(`unknown evaluation task "${task}"`);
}

process.on("message", async ({ task, payload }) => {
  try {
    process.send({ ok: true, value: await run(task, payload) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    process.send({ ok: false, error: { name: e.name, message: e.message, field: typeof e.field === "string" ? e.field : undefined } });
  }
});
// the server went away: so does its worker
process.on("disconnect", () => process.exit(0));
// `--preload replay`: a replay worker loads the engine before it reports ready
if (process.argv.includes("--preload") && process.argv[process.argv.indexOf("--preload") + 1] === "replay") await loadReplay();
process.send({ ready: true });
