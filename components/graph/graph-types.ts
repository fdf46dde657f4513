import type { RunStatus } from "../../lib/history/state-run-types";

export type NodeStatus = "succeeded" | "failed" | "caught" | "retried" | "in-progress" | "aborted" | "not-reached";

export interface GraphNode {
  /** state path (see definition-index), "<parallel path>[b]" for a branch group, or
   * "__start__" / "__end__" */
  id: string;
  kind: "state" | "parallel" | "map" | "branch" | "start" | "end";
  label: string;
  stateName: string | null;
  stateType: string | null;
  /** enclosing group node (Parallel branch or Map); null at the top level */
  parentId: string | null;
  status: NodeStatus;
  /** times the state was entered (loops, Map iterations, Parallel retries) */
  runCount: number;
  /** most attempts any single run needed (1 = no retry) */
  maxAttempts: number;
  counts: Partial<Record<RunStatus, number>>;
  /** state runs behind this node, in entry order */
  runKeys: string[];
  /** on the path the execution took */
  taken: boolean;
  /** a Map state's processor mode and limits (from the definition) */
  mapConfig?: MapConfig;
  /** where the execution's root cause arose ("origin") or a later link of its failure chain */
  failureChain?: "origin" | "chain";
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: "next" | "choice" | "default" | "catch" | "start" | "end";
  label?: string;
  taken: boolean;
  /** group the edge lives in (same as its endpoints' parentId) */
  parentId: string | null;
}

export interface PreparedGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** node to select first: the root cause of a failed execution, else the state that failed, else the one running, else null */
  initialSelection: string | null;
}

export interface MapConfig {
  mode: "INLINE" | "DISTRIBUTED";
  /** MaxConcurrency as written (a number), or the path/expression that gives it */
  maxConcurrency?: number | string;
  /** a distributed Map's child executions: STANDARD or EXPRESS */
  executionType?: string;
  /** ItemReader resource without its `arn:aws:states:::` prefix, e.g. `s3:getObject` */
  itemReader?: string;
  toleratedFailure?: string;
}
