import { StatesError } from "../errors";

/**
 * A definite JSONPath matched nothing. `detail` is the Jayway-style reason AWS prints
 * (`No results for path: $['a']`); the default cause is the InputPath/OutputPath wording
 * `Invalid path '<path>' : <detail>`. Callers that need another wording (ErrorPath, SecondsPath,
 * payload templates) catch this and build their own cause from `path`.
 */
export class PathNotFoundError extends StatesError {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super("States.Runtime", `Invalid path '${path}' : ${detail}`);
    this.name = "PathNotFoundError";
  }
}
