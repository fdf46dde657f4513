import { StatesError } from "../../errors";
import { evaluateField, readPath } from "../expressions";
import { inputPath, jsonataAssign, jsonataOutput, jsonPathAssign, outputPath, statesBinding } from "../io-processing";
import { toJson } from "../payload";
import { parseIsoTimestamp } from "../timestamp";
import { State, type StateResult, type StateRun } from "./state";

/** The longest delay AWS accepts (a signed 32-bit number of seconds). */
const MAX_DELAY_SECONDS = 2_147_483_647;

/** Wait: delays for Seconds / until Timestamp (or their *Path forms) on the virtual clock. */
export class WaitState extends State {
  protected override readonly abortedEvent = "WaitStateAborted";
  protected async execute(run: StateRun): Promise<StateResult> {
    if (this.ql === "JSONata") {
      const binding = statesBinding(run);
      let until: number;
      try {
        until = await this.jsonataUntil(run);
      } catch (thrown) {
        throw run.fail(thrown, true);
      }
      await this.waitUntil(run, until);
      const assign = await jsonataAssign(run, binding);
      return { output: await jsonataOutput(run, binding, run.input), next: this.next, assign };
    }
    const effective = inputPath(run);
    await this.waitUntil(run, this.jsonPathUntil(run, effective));
    const assign = jsonPathAssign(run, effective);
    return { output: outputPath(run, effective), next: this.next, assign };
  }

  private async waitUntil(run: StateRun, until: number): Promise<void> {
    const delayMs = until - run.env.now();
    if (delayMs / 1000 > MAX_DELAY_SECONDS) throw new StatesError("States.Runtime", "Wait state delay is too long.");
    await run.env.sleep(delayMs);
  }

  private jsonPathUntil(run: StateRun, effective: unknown): number {
    const raw = this.raw;
    const now = run.env.now();
    if (typeof raw.Seconds === "number") return now + raw.Seconds * 1000;
    if (typeof raw.Timestamp === "string") {
      const at = parseIsoTimestamp(raw.Timestamp);
      if (at === undefined)
        throw new StatesError(
          "States.Runtime",
          `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${raw.Timestamp}`,
        );
      return at;
    }
    if (typeof raw.SecondsPath === "string") {
      const path = raw.SecondsPath;
      const value = this.read(run, path, effective, "SecondsPath");
      if (typeof value !== "number" || !Number.isInteger(value)) {
        throw new StatesError("States.Runtime", `The SecondsPath parameter cannot be parsed as a long value: ${path} == ${show(value)}`);
      }
      if (value < 0) throw new StatesError("States.Runtime", `The SecondsPath parameter references a negative value: ${path} == ${value}`);
      return now + value * 1000;
    }
    if (typeof raw.TimestampPath === "string") {
      const path = raw.TimestampPath;
      const value = this.read(run, path, effective, "TimestampPath");
      const at = parseIsoTimestamp(value);
      if (at === undefined) {
        throw new StatesError(
          "States.Runtime",
          `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${show(value)}`,
        );
      }
      return at;
    }
    return now;
  }

  private read(run: StateRun, path: string, effective: unknown, field: string): unknown {
    try {
      return readPath(path, effective, run.env, run.context());
    } catch (thrown) {
      if (!(thrown instanceof StatesError)) throw thrown;
      throw new StatesError("States.Runtime", `The ${field} parameter does not reference an input value: ${path}`);
    }
  }

  private async jsonataUntil(run: StateRun): Promise<number> {
    const raw = this.raw;
    const now = run.env.now();
    if (raw.Seconds !== undefined) {
      const seconds = await evaluateField("Seconds", raw.Seconds, statesBinding(run), run.env);
      if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0) {
        throw located(`The Seconds field must be a non-negative integer, but was: ${show(seconds)}`, "Seconds");
      }
      return now + seconds * 1000;
    }
    if (raw.Timestamp !== undefined) {
      const value = await evaluateField("Timestamp", raw.Timestamp, statesBinding(run), run.env);
      const at = parseIsoTimestamp(value);
      if (at === undefined) {
        throw located(
          `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${show(value)}`,
          "Timestamp",
        );
      }
      return at;
    }
    return now;
  }
}

function located(cause: string, location: string): StatesError {
  const error = new StatesError("States.QueryEvaluationError", cause);
  (error as unknown as { location: string }).location = location;
  return error;
}

function show(value: unknown): string {
  return typeof value === "string" ? value : toJson(value);
}
