import { InvalidArguments, requireNumber, type IntrinsicImpl } from "../invalid-arguments";
import { JavaRandom } from "../support/java-random";

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function int32(value: number): number {
  if (value < INT_MIN || value > INT_MAX) throw new InvalidArguments();
  return value;
}

/**
 * States.MathAdd rounds each operand half-up (Java Math.round: 1.5 -> 2, -1.5 -> -1), as the
 * recordings show; States.MathRandom truncates its bounds, returns an int in [start, end), and with
 * a seed uses java.util.Random so a seed always yields the same number.
 */
export const mathFunctions: Record<string, IntrinsicImpl> = {
  "States.MathAdd": ([a, b]) => int32(int32(Math.round(requireNumber(a))) + int32(Math.round(requireNumber(b)))),

  "States.MathRandom": ([first, last, seed], env) => {
    const start = int32(Math.trunc(requireNumber(first)));
    const end = int32(Math.trunc(requireNumber(last)));
    if (start >= end) throw new InvalidArguments();
    const span = end - start;
    if (seed !== undefined) {
      return start + new JavaRandom(requireNumber(seed)).nextInt(Math.min(span, INT_MAX));
    }
    return start + Math.floor(env.random.random() * span);
  },
};
