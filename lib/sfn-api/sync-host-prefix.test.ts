import { Agent, request as httpRequest } from "node:http";
import type { LookupFunction } from "node:net";
import { CreateStateMachineCommand, SFNClient, StartSyncExecutionCommand, TestStateCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostAllowed } from "./host-allowed";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";

/**
 * The AWS SDKs and CLI send StartSyncExecution and TestState to `sync-<endpoint host>` (the SFN
 * model's host prefix), a custom endpoint included. With `127.0.0.1 sync-localhost` in the hosts
 * file and `--endpoint-url http://localhost:PORT`, those requests arrive with Host
 * `sync-localhost:PORT`, which the DNS-rebinding gate must answer.
 */
let server: SfnServer;
beforeAll(async () => {
  server = await startSfnServer({ service: createLocalSfnService(), allowedHosts: ["sfn.dev.internal"] });
});
afterAll(() => server.close());

function statusFor(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: server.port,
        method: "POST",
        path: "/",
        headers: { Host: host, "x-amz-target": "AWSStepFunctions.ListStateMachines", "content-type": "application/x-amz-json-1.0" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end("{}");
  });
}

describe("sfn-local and the SDKs' sync- host prefix", () => {
  it("answers the sync- form of each accepted Host, and nothing wider", async () => {
    for (const host of [
      `sync-localhost:${server.port}`,
      `SYNC-LOCALHOST:${server.port}`,
      `sync-127.0.0.1:${server.port}`,
      "sync-sfn.dev.internal",
    ]) {
      expect(await statusFor(host), host).toBe(200);
    }
    for (const host of [
      "sync-localhost",
      `sync-localhost:${server.port + 1}`,
      `sync-evil.example:${server.port}`,
      `sync-sync-localhost:${server.port}`,
      `async-localhost:${server.port}`,
      `sync-:${server.port}`,
    ]) {
      expect(await statusFor(host), host).toBe(403);
    }
  });

  it("keeps the other Host rules", () => {
    expect(hostAllowed("localhost:80", 80, [])).toBe(true);
    expect(hostAllowed("localhost:80", 81, [])).toBe(false);
    expect(hostAllowed("sync-localhost:80", 80, [])).toBe(true);
    expect(hostAllowed(undefined, 80, [])).toBe(false);
  });

  it("serves an SDK client that keeps the host prefix, where sync-localhost resolves to loopback", async () => {
    // The hosts-file line `127.0.0.1 sync-localhost`, offline: this agent's resolver applies it.
    const hostsLine: LookupFunction = (hostname, options, callback) => {
      const address = hostname === "sync-localhost" || hostname === "localhost" ? "127.0.0.1" : undefined;
      if (!address) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), "", 4);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: object[]) => void)(null, [{ address, family: 4 }]);
      callback(null, address, 4);
    };
    const agent = new Agent({ lookup: hostsLine } as ConstructorParameters<typeof Agent>[0]);
    const seenHosts: string[] = [];
    server.server.prependListener("request", (request) => seenHosts.push(String(request.headers.host)));
    const sfn = new SFNClient({
      region: "us-east-1",
      endpoint: `http://localhost:${server.port}`,
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
      // The SDK builds its Node handler from these options.
      requestHandler: { httpAgent: agent },
      maxAttempts: 1,
    });
    try {
      const definition = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: { ok: true }, End: true } } });
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({ name: "prefixed", definition, roleArn: "arn:aws:iam::123456789012:role/r", type: "EXPRESS" }),
      );
      const sync = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn }));
      expect([sync.status, sync.output]).toEqual(["SUCCEEDED", '{"ok":true}']);
      const tested = await sfn.send(
        new TestStateCommand({ definition: '{"Type":"Pass","Result":1,"End":true}', roleArn: "arn:aws:iam::123456789012:role/r" }),
      );
      expect(tested.output).toBe("1");
      expect(seenHosts).toEqual([`localhost:${server.port}`, `sync-localhost:${server.port}`, `sync-localhost:${server.port}`]);
    } finally {
      sfn.destroy();
      agent.destroy();
    }
  });
});
