import { describe, expect, it, vi } from "vitest";
import { createSfnClient, isLoopback } from "./aws-sfn";

describe("createSfnClient", () => {
  it("uses adaptive retries, the named profile and an optional endpoint", async () => {
    const client = createSfnClient("eu-west-1", { profile: "dev", endpoint: "http://localhost:8083" });
    expect(await client.config.region()).toBe("eu-west-1");
    expect(client.config.profile).toBe("dev");
    expect(await client.config.retryStrategy()).toMatchObject({ mode: "adaptive" });
    const endpoint = await client.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe("http://localhost:8083");
    client.destroy();
  });
});

describe("credentials for a local endpoint", () => {
  it("signs with placeholder keys for a loopback endpoint when the default chain has none", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "");
    vi.stubEnv("AWS_PROFILE", "");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/config");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    vi.stubEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "");
    vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "");
    vi.stubEnv("AWS_WEB_IDENTITY_TOKEN_FILE", "");
    try {
      const local = createSfnClient("us-east-1", { endpoint: "http://127.0.0.1:8083" });
      expect(await local.config.credentials()).toMatchObject({ accessKeyId: "statelens-local" });
      const remote = createSfnClient("us-east-1");
      await expect(remote.config.credentials()).rejects.toThrow();
      expect(isLoopback("http://localhost:8083")).toBe(true);
      expect(isLoopback("https://states.us-east-1.amazonaws.com")).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
