import { SFNClient } from "@aws-sdk/client-sfn";

/** An SDK client for a local endpoint: dummy credentials, no `sync-` host prefix (StartSyncExecution, TestState). */
export function localSfnClient(endpoint: string, region = "us-east-1"): SFNClient {
  return new SFNClient({
    region,
    endpoint,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}
