import { describe, expect, it } from "vitest";
import { awsError } from "../../../testing/ingest/fake-aws";
import { classifyAwsError, describeAwsError } from "./aws-errors";
import { withBackoff } from "./with-backoff";

function flaky(errors: Error[]) {
  let calls = 0;
  return {
    calls: () => calls,
    task: async () => {
      calls++;
      const error = errors.shift();
      if (error) throw error;
      return "ok";
    },
  };
}

describe("withBackoff", () => {
  it("keeps retrying throttling with growing, capped delays", async () => {
    const delays: number[] = [];
    const job = flaky(Array.from({ length: 12 }, () => awsError("ThrottlingException", "Rate exceeded")));
    const result = await withBackoff(job.task, {
      sleep: async (ms) => void delays.push(ms),
      random: () => 1,
      baseDelayMs: 100,
      maxDelayMs: 5000,
    });
    expect(result).toBe("ok");
    expect(job.calls()).toBe(13);
    expect(delays.slice(0, 7)).toEqual([100, 200, 400, 800, 1600, 3200, 5000]);
    expect(Math.max(...delays)).toBe(5000);
  });

  it("gives up after maxThrottleRetries and throws other errors at once", async () => {
    const throttled = flaky(Array.from({ length: 5 }, () => awsError("TooManyRequestsException")));
    await expect(withBackoff(throttled.task, { sleep: async () => {}, maxThrottleRetries: 3 })).rejects.toThrow("TooManyRequestsException");
    expect(throttled.calls()).toBe(4);
    const denied = flaky([awsError("AccessDeniedException")]);
    await expect(withBackoff(denied.task, { sleep: async () => {} })).rejects.toThrow("AccessDeniedException");
    expect(denied.calls()).toBe(1);
    const unavailable = flaky([awsError("ServiceUnavailable", "x", 503), awsError("InternalFailure", "x", 500)]);
    expect(await withBackoff(unavailable.task, { sleep: async () => {} })).toBe("ok");
  });
});

describe("classifyAwsError", () => {
  it("sorts errors by what the run does next", () => {
    expect(classifyAwsError(awsError("ThrottlingException")).kind).toBe("throttle");
    expect(classifyAwsError(awsError("Whatever", "slow down", 429)).kind).toBe("throttle");
    expect(classifyAwsError(awsError("ExpiredTokenException")).kind).toBe("credentials");
    expect(
      classifyAwsError(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }))
        .kind,
    ).toBe("credentials");
    expect(classifyAwsError(awsError("AccessDeniedException")).kind).toBe("access");
    expect(classifyAwsError(awsError("StateMachineDoesNotExist")).kind).toBe("state-machine-missing");
    expect(classifyAwsError(awsError("ExecutionDoesNotExist")).kind).toBe("execution-missing");
    expect(classifyAwsError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8083"), { code: "ECONNREFUSED" })).kind).toBe(
      "unreachable",
    );
    expect(classifyAwsError(awsError("InvalidArn")).kind).toBe("other");
  });

  it("writes a message that says what to do", () => {
    expect(describeAwsError(awsError("AccessDeniedException", "not authorized"), "FilterLogEvents", "/aws/x").message).toBe(
      "access denied: FilterLogEvents on /aws/x needs the IAM permission logs:FilterLogEvents (AccessDeniedException: not authorized)",
    );
  });
});
