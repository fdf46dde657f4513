import { describe, expect, it } from "vitest";
import { emptySummary, type IngestProgress } from "../ingest/types";
import { createProgressReporter } from "./progress-reporter";

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 200, write: (text: string) => writes.push(text) };
}

const progress = (done: number, total: number | null, phase: IngestProgress["phase"] = "execution", target = "arn:x"): IngestProgress => ({
  phase,
  target,
  done,
  total,
  summary: { ...emptySummary(), executions: done, inserted: done },
});

describe("createProgressReporter", () => {
  it("draws a bar with counts and an ETA on a TTY, at most every 100 ms", () => {
    const out = output(true);
    let t = 0;
    const reporter = createProgressReporter(out, "executions", () => t);
    t = 10_000;
    reporter.update(progress(25, 100));
    t = 10_050;
    reporter.update(progress(26, 100));
    expect(out.writes).toEqual(["\r\x1b[2K[#####---------------] 25/100 executions 25%  25 new  ETA 0:30"]);
    t = 20_000;
    // Later events carry no total: the last known one is kept while it still applies.
    reporter.update(progress(50, null));
    expect(out.writes[1]).toBe("\r\x1b[2K[##########----------] 50/100 executions 50%  50 new  ETA 0:20");
    t = 30_000;
    reporter.update({
      ...progress(120, null),
      summary: { ...emptySummary(), executions: 120, inserted: 100, unchanged: 20, errors: [{ target: "t", message: "m" }] },
    });
    expect(out.writes[2]).toMatch(/^\r\x1b\[2K. 120 executions \(4\.0\/s\) {2}100 new, 20 unchanged, 1 error {2}0:30$/);
    reporter.finish();
    expect(out.writes[3]).toBe("\r\x1b[2K");
  });

  it("prints plain lines otherwise: one per state machine or file, then one every interval", () => {
    const out = output(false);
    let t = 0;
    const reporter = createProgressReporter(out, "files", () => t, 5000);
    reporter.update(progress(0, 3, "file", "a.json"));
    reporter.update(progress(1, 3, "file", "b.json"));
    t = 1000;
    reporter.update(progress(1, 3, "execution", "arn"));
    t = 6000;
    reporter.update(progress(2, 3, "execution", "arn"));
    reporter.finish();
    expect(out.writes).toEqual([
      "file a.json  (0 files so far)\n",
      "file b.json  (1 files so far)\n",
      "[#############-------] 2/3 files 67%  2 new  ETA 0:03\n",
    ]);
  });
});
