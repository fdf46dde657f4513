import { describe, expect, it } from "vitest";
import { jsonEqual } from "../../lib/conformance/canonical-json";
import { interpreterWorkflows } from "../interpreter.bench";
import { runOurs, runPeer } from "./engines";

describe("interpreter bench workflows (small scale)", () => {
  const workflows = interpreterWorkflows(0.01);

  it("covers the four workflows of the brief", () => {
    expect(workflows.map((w) => w.id)).toEqual(["choice-loop", "map-items", "intrinsic-chain", "jsonata-chain"]);
    expect(interpreterWorkflows(1).map((w) => w.transitions)).toEqual([100_001, 20_002, 20_001, 20_001]);
  });

  it.each(workflows.map((w) => [w.id, w] as const))(
    "%s: both engines succeed, enter the declared states and agree on the output",
    async (_, workflow) => {
      const ours = await runOurs(workflow, true);
      const peer = await runPeer(workflow, true);
      expect(ours.status).toBe("SUCCEEDED");
      expect(peer.status).toBe("SUCCEEDED");
      expect(ours.transitions).toBe(workflow.transitions);
      expect(peer.transitions).toBe(workflow.transitions);
      expect(jsonEqual(ours.output, peer.output)).toBe(true);
    },
  );

  it("the JSONata chain is JSONata for us and JSONPath for the peer", () => {
    const chain = workflows.find((w) => w.id === "jsonata-chain")!;
    expect((chain.definition as { QueryLanguage?: string }).QueryLanguage).toBe("JSONata");
    expect(JSON.stringify(chain.peerDefinition)).not.toContain("{%");
  });
});
