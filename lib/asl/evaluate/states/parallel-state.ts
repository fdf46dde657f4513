import { DefinitionError } from "../../errors";
import { endThread, runConcurrently } from "../branches";
import { finishWithResult, inputPath, jsonataField, template } from "../io-processing";
import type { Program } from "../program";
import { ExecutingState, type AttemptResult } from "./executing-state";
import type { ProgramBuilder, QueryLanguage, StateRun } from "./state";

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
    const input = this.ql === "JSONata" ? await jsonataField(run, "Arguments", run.input, context) : template(run, "Parameters", inputPath(run), context);
    env.emit("ParallelStateStarted");
    const { results, failure } = await runConcurrently(env, this.branches.length, 0, async (index, scope) => {
      const child = env.child({ scope });
      let joined = true;
      try {
        return await this.branches[index].run(child, input);
      } catch (thrown) {
        const ended = endThread(child, scope, thrown);
        joined = !ended.aborted;
        throw ended.rethrow;
      } finally {
        if (joined) env.ctx.join(child.ctx);
      }
    });
    if (failure) throw failure;
    env.checkAlive();
    env.emit("ParallelStateSucceeded", undefined, undefined, false);
    return finishWithResult(run, results, context);
  }
}
