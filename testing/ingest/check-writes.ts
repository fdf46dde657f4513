/** What an operator was told when a replay it asked for was stored. */
export interface AcceptedReplay {
  originalId: string;
  replayId: string;
}

export interface StoredReplayRow {
  id: string;
  replayOfId: string | null;
}

export interface WriteCheck {
  /** accepted writes the store does not hold */
  lost: string[];
  /** ids handed to more than one request (a second write landed on the first one's row) */
  duplicated: string[];
  /** stored replays nobody was told about (or linked to another original than told) */
  unexpected: string[];
}

/**
 * Compares the replays the API accepted with the replay rows stored: every accepted id stored once,
 * under the original it was asked for, no id given to two requests, and no stored replay unaccounted for.
 */
export function checkReplayWrites(accepted: readonly AcceptedReplay[], stored: readonly StoredReplayRow[]): WriteCheck {
  const seen = new Map<string, number>();
  for (const a of accepted) seen.set(a.replayId, (seen.get(a.replayId) ?? 0) + 1);
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const told = new Map(accepted.map((a) => [a.replayId, a.originalId]));
  return {
    lost: accepted.filter((a) => storedById.get(a.replayId)?.replayOfId !== a.originalId).map((a) => a.replayId),
    duplicated: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
    unexpected: stored.filter((s) => told.get(s.id) !== s.replayOfId).map((s) => s.id),
  };
}

export interface IngestCheck {
  /** executions the source holds that are not stored (or not in their final state) */
  missing: string[];
  /** stored with a different event count or status than the source, or event rows != eventCount */
  wrong: string[];
  /** stored executions of this source the source does not hold */
  extra: string[];
}

/**
 * Compares what a source holds (ARN -> status and event count) with what is stored from it
 * (`events` = HistoryEvent rows actually present for the execution).
 */
export function checkIngested(
  expected: ReadonlyMap<string, { status: string; events: number }>,
  stored: readonly { executionArn: string; status: string; eventCount: number; events: number }[],
): IngestCheck {
  const byArn = new Map(stored.map((s) => [s.executionArn, s]));
  const wrong: string[] = [];
  for (const s of stored) {
    const want = expected.get(s.executionArn);
    if (want && (want.status !== s.status || want.events !== s.eventCount || s.events !== s.eventCount)) wrong.push(s.executionArn);
  }
  return {
    missing: [...expected.keys()].filter((arn) => !byArn.has(arn)),
    wrong,
    extra: stored.filter((s) => !expected.has(s.executionArn)).map((s) => s.executionArn),
  };
}
