import { DefinitionError } from "../../errors";
import type { AbortScope } from "../abort-scope";
import { endThread, runConcurrently } from "../branches";
import { finishWithResult, inputPath, jsonataField, template } from "../io-processing";
import type { Program } from "../program";
import { resumedBranches, untilResumed } from "../resume";
import { ExecutingState, type AttemptResult } from "./executing-state";
import type { ProgramBuilder } from "../program";
import type { QueryLanguage, StateRun } from "./state";

/** Parallel: runs every branch on the same input; the output is the array of branch outputs. */
export class ParallelState extends ExecutingState {
  protected override readonly abortedEvent = "ParallelStateAborted";
  protected override readonly failedEvent = "ParallelStateFailed";
  readonly branches: Program[];

  constructor(name: string, raw: Record<string, unknown>, parentQL: QueryLanguage, build: ProgramBuilder) {
    super(name, raw, parentQL);
    if (!Array.isArray(raw.Branches)) throw new DefinitionError("Branches must be an array", `States.${name}.Branches`);
    this.branches = raw.Branches.map((branch, i) => build(branch, this.ql, `States.${name}.Branches[${i}]`));
  }

  protected async attempt(run: StateRun): Promise<AttemptResult> {
    const env = run.env;
    const context = run.context();
    const input =
      this.ql === "JSONata"
        ? await jsonataField(run, "Arguments", run.input, context)
        : template(run, "Parameters", inputPath(run), context);
    // Resumed inside the Parallel: ParallelStateStarted and the branches' events before the checkpoint are recorded.
    const resumed = run.resume?.how === "inside" ? run.resume : undefined;
    if (!resumed) env.emit("ParallelStateStarted");
    const start = async (index: number, scope: AbortScope) => {
      const child = env.child({ scope });
      const running = resumed?.branches?.[index]?.running;
      let joined = true;
      try {
        if (running?.stateName !== undefined) {
          Object.assign(child.variables, running.variables);
          return await this.branches[index].run(child, running.input, running.stateName, running.state);
        }
        const wait = untilResumed(child, resumed?.at);
        if (wait) await wait;
        return await this.branches[index].run(child, input);
      } catch (thrown) {
        const ended = endThread(child, scope, thrown);
        joined = !ended.aborted;
        throw ended.rethrow;
      } finally {
        if (joined) env.ctx.join(child.ctx);
      }
    };
    const { results, failure } = await runConcurrently(env, this.branches.length, 0, start, undefined, resumed && resumedBranches(resumed));
    if (failure) throw failure;
    env.checkAlive();
    env.emit("ParallelStateSucceeded", undefined, undefined, false);
    return finishWithResult(run, results, context);
  }
}
