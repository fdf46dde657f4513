export interface RanDefinition {
  definition: string;
  revisionId: string | null;
  /** When this revision became current (DescribeStateMachineForExecution `updateDate`). */
  updateDate: Date;
}

export interface DefinitionKey {
  executionArn: string;
  stateMachineArn: string;
  startDate: Date;
  stateMachineVersionArn?: string | null;
  /** Set for Map Run children: all children of one Map Run run the same definition. */
  mapRunArn?: string | null;
}

interface Span {
  revision: RanDefinition;
  /** Latest execution start known to have run this revision. */
  until: number;
}

/**
 * The definition each execution actually ran, without calling DescribeStateMachineForExecution per
 * execution. A version or a Map Run pins the definition outright. For an unversioned state machine,
 * a revision that became current at `updateDate` and was still running an execution started at T is
 * what every execution started between `updateDate` and T ran (an update in between would have
 * changed T's revision), so one call covers that whole span.
 */
export class DefinitionCache {
  private readonly pinned = new Map<string, Promise<RanDefinition>>();
  private readonly spans = new Map<string, Span[]>();
  private readonly queues = new Map<string, Promise<unknown>>();
  calls = 0;

  constructor(private readonly fetch: (executionArn: string) => Promise<RanDefinition>) {}

  get(key: DefinitionKey): Promise<RanDefinition> {
    const pin = key.stateMachineVersionArn ?? key.mapRunArn;
    if (pin) {
      let found = this.pinned.get(pin);
      if (!found) {
        found = this.call(key.executionArn);
        found.catch(() => this.pinned.delete(pin));
        this.pinned.set(pin, found);
      }
      return found;
    }
    // One lookup at a time per state machine, so parallel executions share the first answer.
    const previous = this.queues.get(key.stateMachineArn) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.lookupSpan(key));
    this.queues.set(key.stateMachineArn, next);
    return next;
  }

  private async lookupSpan(key: DefinitionKey): Promise<RanDefinition> {
    const start = key.startDate.getTime();
    const spans = this.spans.get(key.stateMachineArn) ?? [];
    const hit = spans.find((s) => s.revision.updateDate.getTime() <= start && start <= s.until);
    if (hit) return hit.revision;
    const revision = await this.call(key.executionArn);
    const same = spans.find((s) => sameRevision(s.revision, revision));
    if (same) same.until = Math.max(same.until, start);
    else spans.push({ revision, until: start });
    this.spans.set(key.stateMachineArn, spans);
    return revision;
  }

  private call(executionArn: string): Promise<RanDefinition> {
    this.calls++;
    return this.fetch(executionArn);
  }
}

function sameRevision(a: RanDefinition, b: RanDefinition): boolean {
  if (a.revisionId && b.revisionId) return a.revisionId === b.revisionId;
  return a.updateDate.getTime() === b.updateDate.getTime() && a.definition === b.definition;
}
