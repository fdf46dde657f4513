import { StatesError } from "../errors";
import type { Environment } from "./environment";
import { isPromise } from "./maybe";
import type { QueryLanguage, State, StateResult, Transition } from "./states/state";
import { untilResumed, type StateResume } from "./resume";

/**
 * A list of states with a start: the state machine itself, a Parallel branch or a Map's item
 * processor. Runs state after state until one ends the program.
 */
/** Builds a nested program (a Parallel branch, a Map item processor) from its definition. */
export type ProgramBuilder = (definition: unknown, queryLanguage: QueryLanguage, path: string) => Program;

export class Program {
  constructor(
    readonly startAt: string,
    readonly states: ReadonlyMap<string, State>,
    readonly queryLanguage: QueryLanguage,
  ) {}

  /**
   * Runs from `startAt` (or another state, for replay checkpoints) and returns the output.
   * At the top level synchronous states run back to back without promise overhead. Inside
   * branches and iterations every state takes two turns, one between StateEntered and
   * StateExited and one before the next state, so concurrent threads take turns state by state
   * as AWS's histories show (all siblings enter, then all exit, then all enter the next state).
   * With `resume`, the first state resumes inside a recorded history (see State.resume), at the
   * virtual time it stands at.
   */
  async run(env: Environment, input: unknown, from: string = this.startAt, resume?: StateResume): Promise<unknown> {
    let name = from;
    let value = input;
    let then = resume?.then;
    if (resume) {
      const wait = untilResumed(env, resume.how === "inside" ? undefined : resume.how === "attempt" ? resume.at : resume.enteredAt);
      if (wait) await wait;
    }
    for (;;) {
      const state = this.states.get(name);
      if (!state) throw new StatesError("States.Runtime", `The state '${name}' does not exist in this state machine.`);
      let transition: Transition;
      const run = resume ? state.resume(env, value, resume) : state.begin(env, value);
      resume = undefined;
      const pending = run.pending!;
      if (env.depth > 0 || isPromise(pending)) {
        // The turn between Entered and Exited (a synchronous body at depth > 0 takes it too).
        let result: StateResult;
        try {
          result = await pending;
        } catch (thrown) {
          throw state.failed(run, thrown);
        }
        transition = state.complete(run, result);
      } else transition = state.complete(run, pending);
      if (transition.next === undefined) return transition.output;
      // And one turn between states, so siblings exit before any of them enters its next state.
      if (env.depth > 0) await undefined;
      value = transition.output;
      name = transition.next;
      if (then && name === then.stateName && !env.ctx.replaying?.length) {
        value = then.input;
        then = undefined;
      }
    }
  }
}
