import { hashText, isHashAlgorithm } from "../intrinsics/hash/hash-text";
import { JavaRandom } from "../intrinsics/support/java-random";
import { parseJson } from "../intrinsics/support/parse-json";
import type { RandomPort } from "../paths/env";

/** Per-evaluation services the registered functions reach through a hidden binding. */
export interface HiddenServices {
  random: RandomPort;
  now?: () => Date;
  /** The evaluation's guard check (see EvaluationGuard), called at every step. */
  check?: () => void | Promise<void>;
}

export const HIDDEN_BINDING = "__statelensServices";

interface Focus {
  environment: { lookup(name: string): unknown };
}

function services(focus: Focus): HiddenServices {
  return focus.environment.lookup(HIDDEN_BINDING) as HiddenServices;
}

function fail(message: string): never {
  throw { message };
}

function integer(value: unknown, name: string, what: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(`The ${what} argument of ${name} must be a number`);
  return Math.trunc(value);
}

/** Flags an array the way jsonata flags its sequences, so its evaluator settles the result. */
function asSequence(values: unknown[]): unknown[] {
  return Object.assign(values, { sequence: true });
}

/**
 * The functions AWS adds to JSONata in Step Functions, plus its restrictions. Registered on every
 * compiled expression; signatures follow jsonata's notation.
 */
export const AWS_FUNCTIONS: { name: string; signature?: string; impl: (this: Focus, ...args: unknown[]) => unknown }[] = [
  {
    name: "partition",
    impl(array, size) {
      if (!Array.isArray(array)) fail("The first argument of $partition must be an array");
      const chunk = integer(size, "$partition", "second");
      if (chunk <= 0) fail("The second argument of $partition must be a positive integer");
      const chunks: unknown[][] = [];
      for (let i = 0; i < array.length; i += chunk) chunks.push(array.slice(i, i + chunk));
      // An ordinary array, not a sequence: AWS answers `$partition([0], 1)` with `[[0]]` (same
      // snapshot file as $range below), so a single chunk stays wrapped.
      return chunks;
    },
  },
  {
    name: "range",
    impl(first, last, step) {
      const start = integer(first, "$range", "first");
      const end = integer(last, "$range", "second");
      const increment = integer(step, "$range", "third");
      if (increment === 0) fail("The step argument of $range must not be zero");
      const count = Math.floor((end - start) / increment) + 1;
      if (count > 1000) fail("$range cannot generate more than 1000 items");
      // AWS answers with a JSONata sequence, so jsonata's rules settle it: one value is the value
      // itself (`$range(1, 9, 9)` is `1` in LocalStack's AWS-recorded snapshot
      // tests/aws/services/stepfunctions/v2/intrinsic_functions/test_array_jsonata.snapshot.json)
      // and no value is nothing (undefined).
      return asSequence(Array.from({ length: Math.max(count, 0) }, (_, i) => start + i * increment));
    },
  },
  {
    name: "hash",
    impl(value, algorithm) {
      if (!isHashAlgorithm(algorithm)) fail(`Unsupported hash algorithm: ${String(algorithm)}`);
      const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
      return hashText(text, algorithm);
    },
  },
  {
    name: "random",
    impl(seed) {
      if (seed === undefined) return services(this).random.random();
      return new JavaRandom(integer(seed, "$random", "seed")).nextDouble();
    },
  },
  {
    name: "uuid",
    signature: "<:s>",
    impl() {
      return services(this).random.uuid();
    },
  },
  {
    name: "parse",
    impl(text) {
      if (typeof text !== "string") fail("The argument of $parse must be a string");
      try {
        return parseJson(text);
      } catch {
        fail(`$parse could not parse the JSON string: ${text}`);
      }
    },
  },
  {
    name: "eval",
    impl() {
      fail("The $eval function is not supported in Step Functions");
    },
  },
];
