import { inputPath, jsonataAssign, jsonataOutput, outputPath, statesBinding } from "../io-processing";
import { State, type StateResult, type StateRun } from "./state";

/** Succeed: ends its program successfully. */
export class SucceedState extends State {
  protected execute(run: StateRun): StateResult | Promise<StateResult> {
    if (this.ql === "JSONata") return this.executeJsonata(run);
    return { output: outputPath(run, inputPath(run)), next: undefined };
  }

  private async executeJsonata(run: StateRun): Promise<StateResult> {
    const binding = statesBinding(run);
    const assign = await jsonataAssign(run, binding);
    return { output: await jsonataOutput(run, binding, run.input), assign, next: undefined };
  }
}
