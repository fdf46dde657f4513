import { DefinitionError } from "../../errors";
import { runConcurrently } from "../branches";
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
    const children = this.branches.map(() => env.ctx.fork());
    const { results, failure } = await runConcurrently(env, this.branches.length, 0, async (index, scope) => {
      const child = env.child({ scope });
      children[index] = child.ctx;
      return this.branches[index].run(child, input);
    });
    for (const ctx of children) env.ctx.join(ctx);
    if (failure) throw failure;
    env.emit("ParallelStateSucceeded", undefined, undefined, false);
    return finishWithResult(run, results, context);
  }
}
