import { describe, expect, it } from "vitest";
import { statusLabel, toneOf } from "./status-tone";

describe("status tones", () => {
  it("colours every execution status", () => {
    expect(["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "RUNNING", "PENDING_REDRIVE"].map(toneOf)).toEqual([
      "ok",
      "fail",
      "fail",
      "warn",
      "info",
      "warn",
    ]);
  });
  it("colours state statuses and falls back to muted", () => {
    expect(["caught", "retried", "in-progress", "not-reached", "whatever"].map(toneOf)).toEqual(["warn", "ok", "info", "muted", "muted"]);
  });
  it("labels statuses", () => {
    expect(statusLabel("TIMED_OUT")).toBe("Timed out");
    expect(statusLabel("in-progress")).toBe("In progress");
    expect(statusLabel("PENDING_REDRIVE")).toBe("Pending redrive");
  });
});
