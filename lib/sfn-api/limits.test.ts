import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DescribeStateMachineAliasCommand,
  InvalidArn,
  InvalidName,
  ListExecutionsCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  UpdateStateMachineCommand,
  ValidationException,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSfnClient } from "../../testing/sfn-local-client";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";
const PASS = JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } });

let server: SfnServer;
let sfn: SFNClient;
let arn: string;
let v1: string;

beforeAll(async () => {
  server = await startSfnServer({ service: createLocalSfnService() });
  sfn = localSfnClient(server.url);
  const created = await sfn.send(new CreateStateMachineCommand({ name: "limits", definition: PASS, roleArn: ROLE, publish: true }));
  arn = created.stateMachineArn!;
  v1 = created.stateMachineVersionArn!;
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error("accepted"),
    (e: unknown) => e as Error,
  );

describe("limits and validation of the added operations", () => {
  it("input over 262,144 UTF-8 bytes is a ValidationException, through a version or an alias too", async () => {
    const { stateMachineAliasArn } = await sfn.send(
      new CreateStateMachineAliasCommand({ name: "big", routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }] }),
    );
    // 131,073 two-byte characters: fewer characters than the limit, more bytes
    const input = JSON.stringify("é".repeat(131_072));
    for (const stateMachineArn of [arn, v1, stateMachineAliasArn!]) {
      const error = await failure(sfn.send(new StartExecutionCommand({ stateMachineArn, input })));
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toBe(
        "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have size less than or equal to 262144 bytes in UTF-8 encoding",
      );
    }
  });

  it("a roleArn that is not an IAM role ARN is InvalidArn, on create and update", async () => {
    const create = await failure(sfn.send(new CreateStateMachineCommand({ name: "bad-role", definition: PASS, roleArn: "not-an-arn" })));
    expect(create).toBeInstanceOf(InvalidArn);
    expect(create.message).toBe("Invalid Role Arn: 'not-an-arn'");
    const update = await failure(
      sfn.send(new UpdateStateMachineCommand({ stateMachineArn: arn, roleArn: "arn:aws:iam::123456789012:user/x" })),
    );
    expect(update).toBeInstanceOf(InvalidArn);
  });

  it("names: 1-80 characters of the allowed ones", async () => {
    const long = await failure(sfn.send(new CreateStateMachineCommand({ name: "n".repeat(81), definition: PASS, roleArn: ROLE })));
    expect(long).toBeInstanceOf(ValidationException);
    expect(long.message).toMatch(/at 'name' failed to satisfy constraint: Member must have length less than or equal to 80$/);
    for (const name of ["a b", "a:b", "a/b", "a*b", "a\u0001b"]) {
      expect(await failure(sfn.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE })))).toBeInstanceOf(InvalidName);
    }
    const execution = await failure(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "x{y}" })));
    expect(execution).toBeInstanceOf(InvalidName);
  });

  it("malformed ARNs are InvalidArn on every added operation", async () => {
    const publish = await failure(sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: "invalid_arn" })));
    expect(publish).toBeInstanceOf(InvalidArn);
    expect(publish.message).toBe("Invalid Arn: 'Invalid ARN prefix: invalid_arn'");
    expect(await failure(sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: "nope" })))).toBeInstanceOf(InvalidArn);
    expect(await failure(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: arn })))).toBeInstanceOf(InvalidArn);
    expect(await failure(sfn.send(new RedriveExecutionCommand({ executionArn: arn })))).toBeInstanceOf(InvalidArn);
  });

  it("nextToken past its length is a ValidationException", async () => {
    const error = await failure(sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, nextToken: "x".repeat(3097) })));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(/at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 3096$/);
    const versions = await failure(sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn, nextToken: "x".repeat(1025) })));
    expect(versions.message).toMatch(/Member must have length less than or equal to 1024$/);
  });
});
