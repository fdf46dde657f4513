import { describe, expect, it } from "vitest";
import type { ConformanceCase } from "./case-types";
import { maskRun } from "./mask-run";
import { prepareCase } from "./prepare-case";
import { contextFor } from "./run-case";

const activityCase = (): ConformanceCase => ({
  id: "activity",
  feature: "activities",
  tags: ["task"],
  pure: false,
  services: [],
  definition: { StartAt: "A", States: { A: { Type: "Task", Resource: "activity_arn", End: true } } },
  input: {},
  expected: {
    status: "SUCCEEDED",
    output: {},
    events: [{ type: "ActivityStarted", id: 4, previousEventId: 3, activityStartedEventDetails: { workerName: "worker-1" } }],
  },
  service_calls: [
    { state: "A", kind: "Activity", resource_type: null, resource: "activity_arn", outcome: "ActivitySucceeded", output: { ok: true } },
  ],
  notes: { snapshot_transformers: [{ transformer: "RegexTransformer", arg0: "<runtime value>", arg1: "snf_role_arn" }] },
  file: "service/activity.json",
});

describe("prepareCase", () => {
  it("resolves masked activity resources and restores them when masking", () => {
    const prepared = prepareCase(activityCase());
    const arn = "arn:aws:states:us-east-1:111111111111:activity:activity_arn";
    expect(prepared.definition).toEqual({ StartAt: "A", States: { A: { Type: "Task", Resource: arn, End: true } } });
    expect(prepared.taskResults).toEqual([
      expect.objectContaining({ state: "A", kind: "Activity", outcome: "ActivitySucceeded", output: { ok: true }, workerName: "worker-1" }),
    ]);
    const masked = maskRun(
      {
        status: "SUCCEEDED",
        events: [{ type: "ActivityScheduled", id: 3, previousEventId: 2, activityScheduledEventDetails: { resource: arn } }],
      },
      { restore: prepared.restore },
    );
    expect(masked.events[0].activityScheduledEventDetails).toEqual({ resource: "activity_arn" });
  });
});

describe("contextFor", () => {
  it("uses the recorder's standard names when the case has no placeholders, and the start of the recording", () => {
    const c = { ...activityCase(), last_validated_date: "2024-11-04T11:03:23+00:00" };
    expect(contextFor(c)).toEqual({
      executionArn: "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>",
      executionName: "<ExecArnPart_0idx>",
      stateMachineArn: "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>",
      stateMachineName: "<ArnPart_0idx>",
      roleArn: "snf_role_arn",
      startTime: new Date("2024-11-04T11:03:23Z"),
    });
    const clocked = {
      ...c,
      clock: { now: "2022-07-13T13:48:01Z" },
      context_placeholders: { "Execution.Name": "n", "Execution.RoleArn": null },
    };
    expect(contextFor(clocked)).toMatchObject({ executionName: "n", roleArn: "snf_role_arn", startTime: new Date("2022-07-13T13:48:01Z") });
  });
});
