import { createDb } from "./lib/db/client";
import { resolveDatabaseUrl } from "./lib/db/database-url";
import { listExecutions } from "./lib/db/list-executions";
import { compileInputCondition } from "./lib/server/input-condition";
import { conditionVerdicts } from "./lib/bounded/condition-verdicts.mjs";
import { createLocalSfnService, handleSfnRequest } from "./lib/sfn-api/index";
import { replayStored } from "./lib/replay/replay-store";
import { replayBounded } from "./lib/bounded/replay-bounded";
import { evaluationPools } from "./lib/bounded/pools";

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const db = createDb(resolveDatabaseUrl("file:/tmp/bounded.db"));
evaluationPools().conditions.warm(); evaluationPools().replays.warm();
const inThread = (text: string) => ({ text, test: async (i: string | null) => (await conditionVerdicts(text, [i]))[0] });
const conditions = ["$.orderId != ''", "$count($keys($)) > 3 and $string($) ~> $contains('a')"];
await listExecutions(db, { inputCondition: compileInputCondition("true"), limit: 50 });
for (const text of conditions) {
  for (const [label, make] of [["in-thread (before)", () => inThread(text)], ["worker (after)", () => compileInputCondition(text)]] as const) {
    const times: number[] = [];
    for (let i = 0; i < 15; i++) { const t = performance.now(); await listExecutions(db, { inputCondition: make(), limit: 50 }); times.push(performance.now() - t); }
    console.log(`filter ${JSON.stringify(text)} ${label}: median ${median(times).toFixed(1)} ms`);
  }
}
// SFN-API execution: a JSONata workflow with a few expressions outside the fast path
const ROLE = "arn:aws:iam::123456789012:role/r";
const def = JSON.stringify({ QueryLanguage: "JSONata", StartAt: "A", States: {
  A: { Type: "Pass", Output: "{% $map([1..50], function($v){ {'v': $v, 'sq': $v * $v} }) %}", Next: "B" },
  B: { Type: "Pass", Output: "{% $reduce($states.input, function($a, $x){ $a + $x.sq }, 0) %}", Next: "C" },
  C: { Type: "Choice", Choices: [{ Condition: "{% $states.input > 10 %}", Next: "D" }], Default: "D" },
  D: { Type: "Pass", Output: "{% $string($states.input) & '-' & $uppercase('done') %}", End: true } } });
for (const [label, limits] of [["unguarded (before)", null], ["guarded (after)", undefined]] as const) {
  const service = createLocalSfnService({ evaluationLimits: limits });
  const call = async (t: string, b: unknown) => JSON.parse((await handleSfnRequest(service, t, JSON.stringify(b))).body);
  const { stateMachineArn } = await call("AWSStepFunctions.CreateStateMachine", { name: "m", roleArn: ROLE, definition: def });
  for (let i = 0; i < 20; i++) await call("AWSStepFunctions.StartExecution", { stateMachineArn });
  const times: number[] = [];
  for (let i = 0; i < 60; i++) { const t = performance.now(); await call("AWSStepFunctions.StartExecution", { stateMachineArn }); times.push(performance.now() - t); }
  console.log(`SFN StartExecution (4 JSONata states) ${label}: median ${median(times).toFixed(2)} ms`);
}
// replay of a demo execution: in-thread vs in its worker
const ids = await db.execution.findMany({ where: { source: "local" }, take: 1, select: { id: true } });
for (const [label, runner] of [["in-thread (before)", undefined], ["worker (after)", replayBounded]] as const) {
  const times: number[] = [];
  for (let i = 0; i < 8; i++) { const t = performance.now(); await replayStored(db, ids[0].id, { store: false, runner }); times.push(performance.now() - t); }
  console.log(`replay of a demo execution ${label}: median ${median(times).toFixed(1)} ms`);
}
process.exit(0);
