import { describe, expect, it } from "vitest";
import { profileSummary, type CpuProfile } from "./profile-summary";

describe("profileSummary", () => {
  it("ranks self time by function and by file from the sample list", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 } },
        { id: 2, callFrame: { functionName: "run", url: "file:///repo/lib/a.ts", lineNumber: 9 } },
        { id: 3, callFrame: { functionName: "", url: "file:///repo/lib/a.ts", lineNumber: 19 } },
        { id: 4, callFrame: { functionName: "evaluate", url: "file:///repo/node_modules/jsonata/jsonata.js", lineNumber: 0 } },
        { id: 5, callFrame: { functionName: "(garbage collector)", url: "", lineNumber: -1 } },
      ],
      samples: [2, 2, 2, 3, 4, 4, 4, 4, 5, 5],
    };
    const summary = profileSummary(profile, "/repo", 3);
    expect(summary.functions).toEqual([
      { name: "node_modules/jsonata/jsonata.js:evaluate", selfPercent: 40 },
      { name: "lib/a.ts:run", selfPercent: 30 },
      { name: "(garbage collector)", selfPercent: 20 },
    ]);
    // ties are ranked by name
    expect(summary.files.slice(0, 2)).toEqual([
      { name: "lib/a.ts", selfPercent: 40 },
      { name: "node_modules/jsonata/jsonata.js", selfPercent: 40 },
    ]);
  });
});
