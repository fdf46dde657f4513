import { printable } from "../text/printable";

/**
 * An error of the Step Functions API as the real service reports it: HTTP 400 with
 * `{"__type": "com.amazonaws.states#<code>", "message": "..."}`. The AWS SDK takes the part after
 * `#` as the exception name, so `StateMachineDoesNotExist` arrives as that SDK exception class.
 */
export class SfnError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** The Smithy namespace of the error type (coral errors: SerializationException, UnknownOperation...). */
    readonly namespace = "com.amazonaws.states",
  ) {
    super(message);
    this.name = code;
  }

  toBody(): { __type: string; message: string } {
    // messages quote request fields (names, ARNs, definitions): no control characters go back
    return { __type: `${this.namespace}#${this.code}`, message: printable(this.message) };
  }
}

export const stateMachineDoesNotExist = (arn: string) => new SfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
export const executionDoesNotExist = (arn: string) => new SfnError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
export const invalidArn = (detail: string) => new SfnError("InvalidArn", `Invalid Arn: '${detail}'`);
export const invalidToken = () => new SfnError("InvalidToken", "Invalid Token: 'Invalid token'");
export const typeNotSupported = () =>
  new SfnError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
export const resourceTypeNotValid = (type: string) => invalidArn(`Resource type not valid in this context: ${type}`);

/** `1 validation error detected: Value 'x' at 'maxResults' failed to satisfy constraint: ...` */
export function validationError(field: string, value: unknown, constraint: string): SfnError {
  const shown = value === undefined || value === null ? "null" : `'${typeof value === "string" ? value : JSON.stringify(value)}'`;
  return new SfnError(
    "ValidationException",
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}
