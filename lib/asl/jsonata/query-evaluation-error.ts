import { StatesError } from "../errors";

/**
 * States.QueryEvaluationError with the field location AWS reports in EvaluationFailed events
 * (`location: "Output/result"`). The cause is the text after AWS's
 * "An error occurred while executing the state '...' (entered at the event id #N). " prefix.
 */
export class QueryEvaluationError extends StatesError {
  constructor(
    cause: string,
    readonly location?: string,
  ) {
    super("States.QueryEvaluationError", cause);
    this.name = "QueryEvaluationError";
  }
}
