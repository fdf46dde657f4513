/** An ASL runtime error: `error` is the name matched by Retry/Catch ErrorEquals, `cause` the text. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly cause: string = "",
  ) {
    super(cause ? `${error}: ${cause}` : error);
    this.name = "StatesError";
  }
}

/** A definition that is not valid ASL; `path` names the state and field, e.g. `States.Foo.Next`. */
export class DefinitionError extends Error {
  constructor(
    message: string,
    readonly path: string = "",
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = "DefinitionError";
  }
}
