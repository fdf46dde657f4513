import { describe, expect, it } from "vitest";
import { executionFromExport, exportExecution } from "./export-execution";
import { MemorySink } from "./memory-sink";
import { executionsFromLogRecords } from "./sources/log-records";
import { detectFormat } from "./detect-format";

const [execution] = executionsFromLogRecords(
  [
    {
      id: "1",
      type: "ExecutionStarted",
      details: { input: "{}", inputDetails: { truncated: false } },
      event_timestamp: "1718026743000",
      execution_arn: "arn:aws:states:us-east-1:1:express:M:r:u",
    },
    {
      id: "2",
      type: "ExecutionSucceeded",
      details: { output: "[1]", outputDetails: { truncated: false } },
      previous_event_id: "1",
      event_timestamp: "1718026743500",
      execution_arn: "arn:aws:states:us-east-1:1:express:M:r:u",
    },
  ],
  { definition: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' },
);

describe("exportExecution", () => {
  it("round-trips through the statelens export format", async () => {
    const text = exportExecution(execution);
    const document = JSON.parse(text);
    expect(document.statelens).toBe(1);
    expect(document.definition).toEqual({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });
    expect(document.events[1].timestamp).toBe("2024-06-10T13:39:03.500Z");
    const detected = detectFormat(text);
    expect(detected.kind).toBe("export");
    const back = executionFromExport(detected.kind === "export" ? detected.value : null);
    expect(back).toEqual(execution);
    const sink = new MemorySink();
    expect(await sink.saveExecution(execution)).toBe("inserted");
    expect(await sink.saveExecution(back)).toBe("unchanged");
  });

  it("keeps a definition's exact text when it is not compact JSON", () => {
    const pretty = { ...execution, definition: '{\n  "StartAt": "P"\n}' };
    expect(executionFromExport(JSON.parse(exportExecution(pretty))).definition).toBe(pretty.definition);
  });

  it("names the field that is wrong", () => {
    const document = JSON.parse(exportExecution(execution));
    document.execution.startDate = "soon";
    expect(() => executionFromExport(document)).toThrow(/^execution\.startDate: /);
  });
});
