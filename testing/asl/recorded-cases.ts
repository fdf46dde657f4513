/**
 * Test support only (uses node:fs): loads the AWS-recorded executions in test-data/conformance
 * (located by testing/corpus.ts). Never imported by runtime code.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CONFORMANCE_DIR } from "../corpus";

export interface RecordedCase {
  file: string;
  id: string;
  feature: string;
  tags: string[];
  definition: { StartAt: string; States: Record<string, Record<string, unknown>>; QueryLanguage?: string };
  input: unknown;
  expected: { status: string; output?: unknown; error?: string | null; cause?: string | null };
  context_placeholders?: Record<string, string>;
}

/** All pure cases whose file name starts with `prefix` (or all, for ""). */
export function loadPureCases(prefix = ""): RecordedCase[] {
  const dir = path.join(CONFORMANCE_DIR, "pure");
  return readdirSync(dir)
    .filter((file) => file.startsWith(prefix) && file.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Omit<RecordedCase, "file">) }));
}

/** The context object `$$` as the recording's placeholders describe it. */
export function contextFor(recorded: RecordedCase, stateName: string): Record<string, unknown> {
  const p = recorded.context_placeholders ?? {};
  return {
    Execution: {
      Id: p["Execution.Id"],
      Input: recorded.input,
      StartTime: p["Execution.StartTime"],
      Name: p["Execution.Name"],
      RoleArn: p["Execution.RoleArn"],
      RedriveCount: 0,
    },
    StateMachine: { Id: p["StateMachine.Id"], Name: p["StateMachine.Name"] },
    State: { Name: stateName, EnteredTime: "date" },
  };
}

/** AWS causes start with "An error occurred while executing the state 'X' (entered at the event id #N). " */
export function stripStatePrefix(cause: string): string {
  return cause.replace(/^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /, "");
}

/** The recordings mask the input JSON quoted in path-failure causes as `<json-input:1>`. */
export function maskInputJson(cause: string): string {
  return cause.replace(/could not be found in the input '.*'$/s, "could not be found in the input '<json-input:1>'");
}
