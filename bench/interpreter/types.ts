/** A task handler as both engines see it: the Task state's effective input in, its result out. */
export type LocalHandler = (input: unknown) => unknown;

/** One interpreter benchmark: the same definition and input run on our engine and on the peer. */
export interface BenchWorkflow {
  id: string;
  title: string;
  /** What our engine runs. */
  definition: object;
  /**
   * What the peer runs when it cannot run `definition` (JSONata): an equivalent JSONPath
   * definition that computes the same output. Absent = the peer runs `definition`.
   */
  peerDefinition?: object;
  input: unknown;
  /** Task handlers by state name (aws-local-stepfunctions keys its overrides by state name). */
  handlers: Record<string, LocalHandler>;
  /** States entered by one run (both engines enter the same states). */
  transitions: number;
  /** Printed beside the ratio (e.g. what the peer ran instead). */
  note?: string;
}
