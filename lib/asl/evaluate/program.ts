import { StatesError } from "../errors";
import type { Environment } from "./environment";
import { isPromise, type QueryLanguage, type State } from "./states/state";

/**
 * A list of states with a start: the state machine itself, a Parallel branch or a Map's item
 * processor. Runs state after state until one ends the program.
 */
export class Program {
  constructor(
    readonly startAt: string,
    readonly states: ReadonlyMap<string, State>,
    readonly queryLanguage: QueryLanguage,
  ) {}

  /**
   * Runs from `startAt` (or another state, for replay checkpoints) and returns the output.
   * At the top level synchronous states run back to back without promise overhead.
   */
  async run(env: Environment, input: unknown, from: string = this.startAt): Promise<unknown> {
    let name = from;
    let value = input;
    for (;;) {
      const state = this.states.get(name);
      if (!state) throw new StatesError("States.Runtime", `The state '${name}' does not exist in this state machine.`);
      let transition = state.run(env, value);
      if (isPromise(transition)) transition = await transition;
      if (transition.next === undefined) return transition.output;
      value = transition.output;
      name = transition.next;
    }
  }
}
