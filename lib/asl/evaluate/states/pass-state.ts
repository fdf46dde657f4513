import { finishWithResult, inputPath, jsonataResult, statesBinding, template, type FinishedResult } from "../io-processing";
import { State, type StateResult, type StateRun } from "./state";

/** Pass: passes its input (or `Result`) to its output, optionally transformed. */
export class PassState extends State {
  protected execute(run: StateRun): StateResult | Promise<StateResult> {
    if (this.ql === "JSONata") return this.executeJsonata(run);
    const raw = this.raw;
    const effective = template(run, "Parameters", inputPath(run));
    const result = raw.Result !== undefined ? raw.Result : effective;
    const finished = finishWithResult(run, result) as FinishedResult & StateResult;
    finished.next = this.next;
    return finished;
  }

  private executeJsonata(run: StateRun): StateResult | Promise<StateResult> {
    return jsonataResult(run, statesBinding(run), run.input, this.next);
  }
}
