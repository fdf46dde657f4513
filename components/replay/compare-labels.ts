/** What each side of a comparison is called, and what to warn about. */
export interface CompareLabels {
  a: string;
  b: string;
  /** set when the two ran different state machines */
  warning: string | null;
}

interface Side {
  id: string;
  name: string;
  stateMachine: string;
  replayOfId: string | null;
}

/**
 * "Original" and "Replay" only when one side is a replay of the other; any other pair is named by
 * its executions (A and B tell two equally named executions apart).
 */
export function compareLabels(a: Side, b: Side): CompareLabels {
  const warning =
    a.stateMachine !== b.stateMachine
      ? `Different state machines: ${a.stateMachine} and ${b.stateMachine}. The comparison lines up unrelated definitions.`
      : null;
  if (b.replayOfId === a.id) return { a: "Original", b: "Replay", warning };
  if (a.replayOfId === b.id) return { a: "Replay", b: "Original", warning };
  if (a.name === b.name) return { a: `A: ${a.name}`, b: `B: ${b.name}`, warning };
  return { a: a.name, b: b.name, warning };
}
