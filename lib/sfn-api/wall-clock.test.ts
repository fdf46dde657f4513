import { describe, expect, it } from "vitest";
import { createLocalSfnService } from "./local-sfn-service";
import { readWaitClock } from "./wall-clock";

const ROLE = "arn:aws:iam::123456789012:role/r";
const WAIT = JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 1, End: true } } });

async function runWait(waitClock: "fast" | "real") {
  const service = createLocalSfnService({ waitClock });
  const { stateMachineArn } = (await service.call("AWSStepFunctions.CreateStateMachine", {
    name: "w",
    definition: WAIT,
    roleArn: ROLE,
  })) as {
    stateMachineArn: string;
  };
  const began = Date.now();
  const { executionArn } = (await service.call("AWSStepFunctions.StartExecution", { stateMachineArn, input: "{}" })) as {
    executionArn: string;
  };
  const first = (await service.call("AWSStepFunctions.DescribeExecution", { executionArn })) as { status: string };
  await service.closed();
  const last = (await service.call("AWSStepFunctions.DescribeExecution", { executionArn })) as {
    status: string;
    startDate: Date;
    stopDate: Date;
  };
  return { first: first.status, last, tookMs: Date.now() - began };
}

describe("the local service's wait clock", () => {
  it("fast-forwards Wait states by default and waits for them in real time with waitClock real", async () => {
    const fast = await runWait("fast");
    expect(fast.first).toBe("SUCCEEDED");
    expect(fast.last.stopDate.getTime() - fast.last.startDate.getTime()).toBe(1000);
    expect(fast.tookMs).toBeLessThan(900);

    const real = await runWait("real");
    expect(real.last.status).toBe("SUCCEEDED");
    expect(real.tookMs).toBeGreaterThanOrEqual(1000);
    expect(real.last.stopDate.getTime() - real.last.startDate.getTime()).toBeGreaterThanOrEqual(1000);
  });

  it("reads the mode from the option, else STATELENS_WAIT_CLOCK, else fast, and refuses others", () => {
    expect(readWaitClock(undefined, {})).toBe("fast");
    expect(readWaitClock(undefined, { STATELENS_WAIT_CLOCK: "REAL" })).toBe("real");
    expect(readWaitClock("virtual", { STATELENS_WAIT_CLOCK: "real" })).toBe("virtual");
    expect(() => readWaitClock(undefined, { STATELENS_WAIT_CLOCK: "slow" })).toThrow(
      'STATELENS_WAIT_CLOCK must be one of fast, real, virtual, got "slow"',
    );
    expect(() => readWaitClock("sideways", {})).toThrow('the wait clock must be one of fast, real, virtual, got "sideways"');
  });
});
