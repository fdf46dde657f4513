/**
 * Cancellation for a group of concurrent threads: when one Parallel branch or Map iteration
 * fails, its siblings are aborted. Child scopes follow their parent.
 */
export class AbortScope {
  private abortedFlag = false;
  private resolveAborted!: () => void;
  private promiseCache: Promise<void> | undefined;
  private readonly children: AbortScope[] = [];
  /** The event the abort links to (the sibling failure that caused it), if known. */
  source: number | undefined;

  constructor(parent?: AbortScope) {
    if (parent) {
      if (parent.abortedFlag) {
        this.abortedFlag = true;
        this.source = parent.source;
      } else parent.children.push(this);
    }
  }

  get aborted(): boolean {
    return this.abortedFlag;
  }

  /** Settles when this scope is aborted (created lazily: most scopes never need it). */
  get whenAborted(): Promise<void> {
    if (!this.promiseCache) {
      this.promiseCache = new Promise<void>((r) => (this.resolveAborted = r));
      if (this.abortedFlag) this.resolveAborted();
    }
    return this.promiseCache;
  }

  abort(source?: number): void {
    if (this.abortedFlag) return;
    this.abortedFlag = true;
    this.source = source;
    if (this.promiseCache) this.resolveAborted();
    for (const child of this.children) child.abort(source);
  }
}

/** Thrown in a thread whose scope was aborted; never reaches Retry or Catch. */
export class BranchAborted extends Error {
  constructor() {
    super("branch aborted");
    this.name = "BranchAborted";
  }
}
