/** Randomness and UUIDs enter the expression layer through this port (replay stays deterministic). */
export interface RandomPort {
  /** A float in [0, 1). */
  random(): number;
  /** A version-4 UUID string. */
  uuid(): string;
}

/**
 * What a JSONPath-mode expression can see: the state's effective input (`$`), the context object
 * (`$$`), the variables in scope (`$name`) and the random port (States.MathRandom, States.UUID).
 * `variables` is read with `name in variables` / `variables[name]`, so an object whose prototype
 * chain holds outer scopes works.
 */
export interface ExpressionEnv {
  input: unknown;
  context: unknown;
  variables: Record<string, unknown>;
  random: RandomPort;
}
