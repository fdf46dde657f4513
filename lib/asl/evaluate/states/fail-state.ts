import { StatesError } from "../../errors";
import { evaluateIntrinsic } from "../../intrinsics";
import { evaluateField, expressionEnv, readPath } from "../expressions";
import { statesBinding } from "../io-processing";
import { toJson } from "../payload";
import { explicitFailure } from "../state-failure";
import { State, type StateResult, type StateRun } from "./state";

/** Fail: ends its program with an error (FailStateEntered, then the failure propagates). */
export class FailState extends State {
  protected async execute(run: StateRun): Promise<StateResult> {
    const error = await this.field(run, "Error");
    const cause = await this.field(run, "Cause");
    throw explicitFailure(error, cause);
  }

  /** Error/Cause, ErrorPath/CausePath (a path or an intrinsic call) or a JSONata expression. */
  private async field(run: StateRun, name: "Error" | "Cause"): Promise<string | undefined> {
    const raw = this.raw;
    if (this.ql === "JSONata") {
      if (raw[name] === undefined) return undefined;
      const value = await evaluateField(name, raw[name], statesBinding(run), run.env);
      return stringOf(value);
    }
    const pathField = `${name}Path`;
    const path = raw[pathField];
    if (typeof path === "string") {
      const context = run.context();
      if (path.startsWith("States.")) return stringOf(evaluateIntrinsic(path, expressionEnv(run.env, run.input, context)));
      try {
        return stringOf(readPath(path, run.input, run.env, context));
      } catch (thrown) {
        if (!(thrown instanceof StatesError)) throw thrown;
        throw new StatesError(
          "States.Runtime",
          `The JSONPath '${path}' specified for the field '${pathField}' could not be found in the input '${toJson(run.input)}'`,
        );
      }
    }
    const value = raw[name];
    return value === undefined ? undefined : stringOf(value);
  }
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : toJson(value);
}
