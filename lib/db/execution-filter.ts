/** What the execution list asks for: the API's and the page's query, read by every list query of lib/db. */
export interface ExecutionFilter {
  stateMachineId?: string;
  versionId?: string;
  status?: string[];
  source?: string[];
  error?: string;
  from?: Date;
  to?: Date;
  /** matches the name and any payload, error or cause (literal, case-insensitive substring; see search-term.ts) */
  q?: string;
  /** only executions redriven at least once */
  redriven?: boolean;
  region?: string;
  accountId?: string;
  /**
   * a predicate on the input text, applied after the SQL filters (see input-condition.ts); with its
   * JSONata `text`, simple comparisons are also pushed down to SQL (jsonata-prefilter.ts)
   */
  inputCondition?: {
    text?: string;
    test(inputText: string | null): Promise<boolean>;
    testMany?(inputTexts: readonly (string | null)[]): Promise<boolean[]>;
  };
  /** keyset cursor: the last row of the previous page */
  after?: { startDate: Date; id: string };
  limit?: number;
}
