import type { LocalHandler } from "./handler-invoker";

export interface ExampleWorkflow {
  name: string;
  definition: object;
  /** later definitions of the same machine, each used from `fromDay` (0 = 90 days ago) on */
  versions?: { fromDay: number; definition: object }[];
  handlers: Record<string, LocalHandler>;
  /** the i-th demo input; `rand` is a seeded [0,1) stream */
  input: (i: number, rand: () => number) => unknown;
}
