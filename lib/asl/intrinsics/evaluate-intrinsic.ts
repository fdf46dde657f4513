import { DefinitionError, StatesError } from "../errors";
import { MISSING } from "../paths/definite-path";
import type { ExpressionEnv } from "../paths/env";
import { lookupReference } from "../paths/evaluate-reference-path";
import { INTRINSIC_FUNCTIONS } from "./function-table";
import { InvalidArguments } from "./invalid-arguments";
import { parseIntrinsic, type IntrinsicNode } from "./parse-intrinsic";

type CallNode = IntrinsicNode & { kind: "call" };

function failure(call: CallNode, reason: string): StatesError {
  return new StatesError("States.Runtime", `There was an error while evaluating the intrinsic function: ${call.text}. ${reason}`);
}

function evaluateArgument(node: IntrinsicNode, env: ExpressionEnv, call: CallNode): unknown {
  if (node.kind === "literal") return node.value;
  if (node.kind === "call") return evaluateCall(node, env);
  const value = lookupReference(node.path, env);
  if (value === MISSING) {
    throw failure(
      call,
      `The JsonPath argument for the field '${node.path}' could not be found in the input '${JSON.stringify(env.input ?? null)}'`,
    );
  }
  return value;
}

function evaluateCall(call: CallNode, env: ExpressionEnv): unknown {
  const args = call.args.map((arg) => evaluateArgument(arg, env, call));
  const first = call.args[0];
  const literalTemplate =
    call.name === "States.Format" && first?.kind === "literal" && typeof first.raw === "string" ? first.raw : undefined;
  try {
    return INTRINSIC_FUNCTIONS[call.name](args, env, literalTemplate);
  } catch (error) {
    if (error instanceof InvalidArguments) {
      throw failure(call, `Invalid arguments in ${call.name}${error.detail ? `: ${error.detail}` : ""}`);
    }
    throw error;
  }
}

/**
 * Evaluates an intrinsic function call such as `States.Format('{} {}', $.a, States.UUID())`
 * against the state input, context object and variables. Failures are States.Runtime with AWS's
 * `There was an error while evaluating the intrinsic function: ... Invalid arguments in States.X`
 * wording (the engine prefixes the usual "An error occurred while executing the state ..." text).
 */
export function evaluateIntrinsic(expression: string, env: ExpressionEnv): unknown {
  let call: CallNode;
  try {
    call = parseIntrinsic(expression);
  } catch (error) {
    if (error instanceof DefinitionError) throw new StatesError("States.Runtime", error.message);
    throw error;
  }
  return evaluateCall(call, env);
}
