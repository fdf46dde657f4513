import type { DefinitionScope, DefinitionState } from "../definition/definition-model";
import { DefinitionError } from "../errors";
import { Program, type ProgramBuilder } from "../evaluate/program";
import { ChoiceState } from "../evaluate/states/choice-state";
import { FailState } from "../evaluate/states/fail-state";
import { MapState } from "../evaluate/states/map-state";
import { ParallelState } from "../evaluate/states/parallel-state";
import { PassState } from "../evaluate/states/pass-state";
import type { QueryLanguage, State } from "../evaluate/states/state";
import { SucceedState } from "../evaluate/states/succeed-state";
import { TaskState } from "../evaluate/states/task-state";
import { WaitState } from "../evaluate/states/wait-state";

/**
 * Builds the component tree of a program (state machine, Parallel branch, Map item processor)
 * from its scope in the definition model: one State object per state, nested programs built
 * recursively from the scopes nested in their states, transitions checked.
 */
export function buildProgram(scope: DefinitionScope, parentQL: QueryLanguage, path: string): Program {
  const where = (field: string) => (path ? `${path}.${field}` : field);
  const definition = scope.block;
  const ql = definition.QueryLanguage ?? parentQL;
  if (ql !== "JSONPath" && ql !== "JSONata")
    throw new DefinitionError(`unknown QueryLanguage ${JSON.stringify(ql)}`, where("QueryLanguage"));
  const startAt = definition.StartAt;
  if (typeof startAt !== "string") throw new DefinitionError("StartAt must be a string", where("StartAt"));
  const rawStates = definition.States;
  if (typeof rawStates !== "object" || rawStates === null || Array.isArray(rawStates))
    throw new DefinitionError("States must be an object", where("States"));
  const states = new Map<string, State>();
  for (const { name, state } of scope.members) {
    if (!state) throw new DefinitionError("a state must be an object", where(`States.${name}`));
    states.set(name, createState(state, ql, path));
  }
  if (!states.has(startAt)) throw new DefinitionError(`state "${startAt}" does not exist`, where("StartAt"));
  for (const [name, state] of states) {
    for (const target of state.targets()) {
      if (!states.has(target)) throw new DefinitionError(`state "${target}" does not exist`, where(`States.${name}.Next`));
    }
    if (!state.next && !state.end && !(state instanceof ChoiceState) && !(state instanceof SucceedState) && !(state instanceof FailState)) {
      throw new DefinitionError("a state needs Next or End", where(`States.${name}`));
    }
  }
  return new Program(startAt, states, ql);
}

function createState(state: DefinitionState, ql: QueryLanguage, path: string): State {
  const { name, def: raw } = state;
  // Parallel and Map hand over the blocks they run (a branch, their ItemProcessor or Iterator):
  // each is one of the state's nested blocks, whose scope the model holds.
  const nested: ProgramBuilder = (block, parentQL, at) => {
    const where = path ? `${path}.${at}` : at;
    const scope = state.nested.find((inner) => inner.value === block)?.scope;
    if (!scope) throw new DefinitionError("a state machine must be a JSON object", where);
    return buildProgram(scope, parentQL, where);
  };
  switch (raw.Type) {
    case "Pass":
      return new PassState(name, raw, ql);
    case "Task":
      return new TaskState(name, raw, ql, state.resource);
    case "Choice":
      return new ChoiceState(name, raw, ql);
    case "Wait":
      return new WaitState(name, raw, ql);
    case "Succeed":
      return new SucceedState(name, raw, ql);
    case "Fail":
      return new FailState(name, raw, ql);
    case "Parallel":
      return new ParallelState(name, raw, ql, nested);
    case "Map":
      return new MapState(name, raw, ql, nested);
    default:
      throw new DefinitionError(
        `unknown state Type ${JSON.stringify(raw.Type)}`,
        path ? `${path}.States.${name}.Type` : `States.${name}.Type`,
      );
  }
}
