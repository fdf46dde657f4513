import { describe, expect, it } from "vitest";
import { bucketLabel, bucketStart } from "./bucket-time";

describe("bucket-time", () => {
  it("floors to UTC hours and days", () => {
    const t = Date.parse("2026-10-01T09:45:12Z");
    expect(new Date(bucketStart(t, "hour")).toISOString()).toBe("2026-10-01T09:00:00.000Z");
    expect(new Date(bucketStart(t, "day")).toISOString()).toBe("2026-10-01T00:00:00.000Z");
    expect(bucketLabel(bucketStart(t, "hour"), "hour")).toBe("Oct 1 09:00");
    expect(bucketLabel(bucketStart(t, "day"), "day")).toBe("Oct 1");
  });
});
