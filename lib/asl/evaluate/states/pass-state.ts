import { finishWithResult, inputPath, jsonataOutputAndAssign, statesBinding, template, type FinishedResult } from "../io-processing";
import { andThen } from "../maybe";
import { State, type StateResult, type StateRun } from "./state";

/** Pass: passes its input (or `Result`) to its output, optionally transformed. */
export class PassState extends State {
  protected execute(run: StateRun): StateResult | Promise<StateResult> {
    if (this.ql === "JSONata") return this.executeJsonata(run);
    const raw = this.raw;
    const effective = template(run, "Parameters", inputPath(run));
    const result = raw.Result !== undefined ? raw.Result : effective;
    const { output, assign } = finishWithResult(run, result) as FinishedResult;
    return { output, assign, next: this.next };
  }

  private executeJsonata(run: StateRun): StateResult | Promise<StateResult> {
    return andThen(jsonataOutputAndAssign(run, statesBinding(run), run.input), ({ output, assign }) => ({ output, assign, next: this.next }));
  }
}
