import { EventContext, EventManager } from "../history/event-manager";
import { parseDefinition } from "../parse/parse-definition";
import { seededRandom } from "../ports";
import { AbortScope } from "./abort-scope";
import { Environment } from "./environment";
import { expressionEnv } from "./expressions";
import type { ExecutionRuntime } from "./runtime";
import { Scheduler } from "./scheduler";
import { StateRun } from "./states/state";
import { TaskEvents } from "./task/task-events";
import { parseTaskResource } from "../definition/task-resource";
import { TokenRegistry } from "./token-registry";

/**
 * One idle instance of each class the engine creates afresh for every execution, kept as long as
 * the module is loaded.
 *
 * V8 gives the objects of a class the hidden classes they reach by adding their fields, and
 * keeps those hidden classes only while some object still has them. Every engine object dies
 * with its execution, so a full garbage collection between two executions dropped them, and
 * with them every optimized function that had checked them: the next execution started over in
 * unoptimized code (about 3x slower on the 20,000-transition bench runs, which collect garbage
 * before each run). These instances hold the hidden classes, so optimized code survives.
 * They are never used; creating them costs well under a millisecond once.
 */
function keepShapes(): unknown[] {
  const scheduler = new Scheduler(0);
  const scope = new AbortScope();
  const runtime = { scheduler, random: seededRandom(0), tokens: new TokenRegistry(() => undefined) } as unknown as ExecutionRuntime;
  const events = new EventManager(scheduler, 2, false);
  const env = new Environment(runtime, events, new EventContext(), Object.create(null) as Record<string, unknown>, scope, 0);
  const child = env.child({ scope: new AbortScope(scope), mapItem: { Index: 0, Value: null } });
  // Every state type, a nested program (Map, Parallel) included.
  const { program } = parseDefinition({
    StartAt: "Pass",
    States: {
      Pass: { Type: "Pass", Next: "Task" },
      Task: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:keep", Next: "Choice" },
      Choice: { Type: "Choice", Choices: [{ Variable: "$.a", IsPresent: true, Next: "Wait" }], Default: "Map" },
      Wait: { Type: "Wait", Seconds: 1, Next: "Map" },
      Map: { Type: "Map", ItemProcessor: { StartAt: "Item", States: { Item: { Type: "Succeed" } } }, Next: "Parallel" },
      Parallel: { Type: "Parallel", Branches: [{ StartAt: "Branch", States: { Branch: { Type: "Succeed" } } }], Next: "Fail" },
      Fail: { Type: "Fail" },
    },
  });
  const state = program.states.get("Pass")!;
  const run = new StateRun(state, child, null, 0, 0, 0);
  return [
    env,
    child,
    program,
    run,
    expressionEnv(child, null, run),
    new TaskEvents(child, parseTaskResource("arn:aws:lambda:us-east-1:123456789012:function:keep")),
  ];
}

export const KEPT_SHAPES: readonly unknown[] = keepShapes();
