import {
  ConflictException,
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  InvalidArn,
  InvalidDefinition,
  ListExecutionsCommand,
  ListStateMachineAliasesCommand,
  ListStateMachineVersionsCommand,
  MissingRequiredParameter,
  PublishStateMachineVersionCommand,
  ResourceNotFound,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  ValidationException,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSfnClient } from "../../testing/sfn-local-client";
import { createLocalSfnService, startSfnServer, type SfnServer } from "./index";

const ROLE = "arn:aws:iam::123456789012:role/statelens-test";
const OTHER_ROLE = "arn:aws:iam::123456789012:role/other";
const returning = (value: string) => JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: value, End: true } } });

let server: SfnServer;
let sfn: SFNClient;

beforeAll(async () => {
  server = await startSfnServer({ service: createLocalSfnService() });
  sfn = localSfnClient(server.url);
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
});

async function create(name: string, extra: Record<string, unknown> = {}) {
  return sfn.send(new CreateStateMachineCommand({ name, definition: returning("v1"), roleArn: ROLE, ...extra }));
}

async function outputOf(stateMachineArn: string) {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

/** A machine with versions 1 (returns "v1") and 2 (returns "v2"). */
async function twoVersions(name: string) {
  const { stateMachineArn, stateMachineVersionArn: v1 } = await create(name, { publish: true });
  const { stateMachineVersionArn: v2 } = await sfn.send(
    new UpdateStateMachineCommand({ stateMachineArn, definition: returning("v2"), publish: true }),
  );
  return { arn: stateMachineArn!, v1: v1!, v2: v2! };
}

describe("UpdateStateMachine", () => {
  it("makes a new revision that new executions run, while DescribeStateMachineForExecution keeps the old one", async () => {
    const { stateMachineArn } = await create("upd");
    const before = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(before.revisionId).toMatch(/^[0-9a-f-]{36}$/);
    const first = await outputOf(stateMachineArn!);
    const updated = await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn,
        definition: returning("v2"),
        roleArn: OTHER_ROLE,
        tracingConfiguration: { enabled: true },
        loggingConfiguration: { level: "OFF" },
      }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect(updated.revisionId).not.toBe(before.revisionId);
    expect(updated.stateMachineVersionArn).toBeUndefined();
    const after = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(after).toMatchObject({
      definition: returning("v2"),
      roleArn: OTHER_ROLE,
      revisionId: updated.revisionId,
      tracingConfiguration: { enabled: true },
    });
    expect((await outputOf(stateMachineArn!)).output).toBe('"v2"');
    const old = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: first.executionArn }));
    expect(old).toMatchObject({ definition: returning("v1"), roleArn: ROLE, revisionId: before.revisionId });
  });

  it("refuses what AWS refuses", async () => {
    const { stateMachineArn } = await create("upd-bad");
    await expect(sfn.send(new UpdateStateMachineCommand({ stateMachineArn }))).rejects.toBeInstanceOf(MissingRequiredParameter);
    await expect(sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: "{" }))).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(sfn.send(new UpdateStateMachineCommand({ stateMachineArn, roleArn: "not-an-arn" }))).rejects.toThrow(
      "Invalid Role Arn: 'not-an-arn'",
    );
    await expect(
      sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: returning("x"), versionDescription: "d" })),
    ).rejects.toThrow("Version description can only be set when publish is true");
    await expect(
      sfn.send(new UpdateStateMachineCommand({ stateMachineArn: `${stateMachineArn}:2`, definition: returning("x") })),
    ).rejects.toThrow(`State Machine Does Not Exist: '${stateMachineArn}:2'`);
    await expect(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: "nope", roleArn: ROLE }))).rejects.toBeInstanceOf(InvalidArn);
    // a Distributed Map state's ARN (<machine>/<label>) is a ValidationException, as the reference says
    const mapState = `${stateMachineArn}/fan`;
    await expect(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: mapState, roleArn: ROLE }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: mapState }))).rejects.toBeInstanceOf(ValidationException);
    await expect(sfn.send(new DeleteStateMachineCommand({ stateMachineArn: mapState }))).rejects.toBeInstanceOf(ValidationException);
  });
});

describe("versions", () => {
  it("publishes on create and update, lists newest first with paging, describes a version", async () => {
    const { arn, v1, v2 } = await twoVersions("ver");
    expect(v1).toBe(`${arn}:1`);
    expect(v2).toBe(`${arn}:2`);
    const { stateMachineVersionArn: v3, creationDate } = await sfn.send(
      new PublishStateMachineVersionCommand({ stateMachineArn: arn, description: "again" }),
    );
    // publishing a revision already published answers its version
    expect(v3).toBe(v2);
    expect(creationDate).toBeInstanceOf(Date);
    const page1 = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn, maxResults: 1 }));
    expect(page1.stateMachineVersions!.map((v) => v.stateMachineVersionArn)).toEqual([v2]);
    const page2 = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn, maxResults: 1, nextToken: page1.nextToken }));
    expect(page2.stateMachineVersions!.map((v) => v.stateMachineVersionArn)).toEqual([v1]);
    expect(page2.nextToken).toBeUndefined();
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v1 }));
    expect(described).toMatchObject({ stateMachineArn: v1, name: "ver", status: "ACTIVE", definition: returning("v1") });
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v2 }))).definition).toBe(returning("v2"));
  });

  it("keeps the version's description and refuses a stale revisionId with ConflictException", async () => {
    const { stateMachineArn } = await create("ver-rev");
    const { revisionId } = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    const published = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, revisionId, description: "first" }));
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: published.stateMachineVersionArn }))).description).toBe(
      "first",
    );
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: returning("v2") }));
    const error = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, revisionId })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).$metadata.httpStatusCode).toBe(409);
    expect((error as Error).message).toMatch(new RegExp(`^Failed to publish the State Machine version for revision ${revisionId}\\.`));
    await expect(sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: `${stateMachineArn}-gone` }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });

  it("numbers versions on after a deletion, and deleting one is idempotent", async () => {
    const { arn, v2 } = await twoVersions("ver-del");
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2 }));
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2 }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v2 }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    const { stateMachineVersionArn } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: returning("v3"), publish: true }),
    );
    expect(stateMachineVersionArn).toBe(`${arn}:3`);
    await expect(sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn, maxResults: 1001 }))).rejects.toThrow(
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });

  it("runs a version's definition and reports the version of the execution", async () => {
    const { arn, v1 } = await twoVersions("ver-run");
    const run = await outputOf(v1);
    expect(run).toMatchObject({ status: "SUCCEEDED", output: '"v1"', stateMachineArn: arn, stateMachineVersionArn: v1 });
    expect(run.executionArn).toMatch(/:execution:ver-run:/);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: v1 }));
    expect(listed.executions!.map((e) => e.executionArn)).toEqual([run.executionArn]);
    expect(listed.executions![0].stateMachineVersionArn).toBe(v1);
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions).toHaveLength(1);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}:9` }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("go away with their state machine", async () => {
    const { arn, v1 } = await twoVersions("ver-gone");
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v1 }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    // a new machine of the same name starts from version 1
    const again = await create("ver-gone", { publish: true, versionDescription: "fresh" });
    expect(again.stateMachineVersionArn).toBe(`${arn}:1`);
  });
});

describe("aliases", () => {
  it("create, describe, list, update, delete", async () => {
    const { arn, v1, v2 } = await twoVersions("al");
    const created = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: "PROD",
        description: "d",
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    expect(created.stateMachineAliasArn).toBe(`${arn}:PROD`);
    // idempotent for the same request, conflict for another routing
    const again = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: "PROD",
        description: "d",
        routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
      }),
    );
    expect(again.creationDate).toEqual(created.creationDate);
    await expect(
      sfn.send(new CreateStateMachineAliasCommand({ name: "PROD", routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] })),
    ).rejects.toBeInstanceOf(ConflictException);
    const aliasArn = created.stateMachineAliasArn!;
    const described = await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
    expect(described).toMatchObject({
      name: "PROD",
      description: "d",
      routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
    });
    await sfn.send(
      new CreateStateMachineAliasCommand({ name: "beta", routingConfiguration: [{ stateMachineVersionArn: v2, weight: 100 }] }),
    );
    const page1 = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn, maxResults: 1 }));
    const page2 = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn, nextToken: page1.nextToken }));
    expect([...page1.stateMachineAliases!, ...page2.stateMachineAliases!].map((a) => a.stateMachineAliasArn)).toEqual([
      aliasArn,
      `${arn}:beta`,
    ]);

    const updated = await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: aliasArn,
        routingConfiguration: [
          { stateMachineVersionArn: v1, weight: 50 },
          { stateMachineVersionArn: v2, weight: 50 },
        ],
      }),
    );
    expect(updated.updateDate).toBeInstanceOf(Date);
    expect((await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }))).routingConfiguration).toHaveLength(2);
    await expect(sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:nope`, description: "x" }))).rejects.toThrow(
      "Request references a resource that does not exist.",
    );

    // a version an alias routes to cannot be deleted
    const refused = await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v2 })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictException);
    expect((refused as Error).message).toBe(
      "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [PROD, beta]",
    );
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
    await expect(sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }))).rejects.toBeInstanceOf(
      ResourceNotFound,
    );
  });

  it("validates the routing configuration and the name as AWS does", async () => {
    const { arn, v1, v2 } = await twoVersions("al-bad");
    const attempt = (routingConfiguration: { stateMachineVersionArn: string; weight: number }[], name = "a") =>
      sfn.send(new CreateStateMachineAliasCommand({ name, routingConfiguration })).then(
        () => new Error("accepted"),
        (e: unknown) => e as Error,
      );
    const tooMany = await attempt([
      { stateMachineVersionArn: v1, weight: 50 },
      { stateMachineVersionArn: v2, weight: 30 },
      { stateMachineVersionArn: `${arn}:3`, weight: 20 },
    ]);
    expect(tooMany).toBeInstanceOf(ValidationException);
    expect(tooMany.message).toMatch(
      /at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2$/,
    );
    expect(
      (
        await attempt([
          { stateMachineVersionArn: v1, weight: 50 },
          { stateMachineVersionArn: v1, weight: 50 },
        ])
      ).message,
    ).toBe(`Routing configuration must contain distinct state machine version ARNs. Received: [${v1}, ${v1}]`);
    expect(
      (
        await attempt([
          { stateMachineVersionArn: v1, weight: 70 },
          { stateMachineVersionArn: v2, weight: 29 },
        ])
      ).message,
    ).toBe("Sum of routing configuration weights must equal 100. Received: [70, 29]");
    expect(
      (
        await attempt([
          { stateMachineVersionArn: v1, weight: 0 },
          { stateMachineVersionArn: v2, weight: 101 },
        ])
      ).message,
    ).toBe(
      "1 validation error detected: Value '101' at 'routingConfiguration.2.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    expect((await attempt([{ stateMachineVersionArn: arn, weight: 100 }])).message).toBe(
      `Routing configuration must contain state machine version ARNs. Received: [${arn}]`,
    );
    expect((await attempt([{ stateMachineVersionArn: v1, weight: 100 }], "123")).message).toBe(
      "1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\\-\\.])[a-zA-Z0-9_\\-\\.]+$",
    );
    expect((await attempt([{ stateMachineVersionArn: v1, weight: 100 }], "A".repeat(81))).message).toMatch(
      /at 'name' failed to satisfy constraint: Member must have length less than or equal to 80$/,
    );
  });

  it("starts executions on a version picked by weight and reports the alias", async () => {
    const { arn, v1, v2 } = await twoVersions("al-run");
    const { stateMachineAliasArn } = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: "split",
        routingConfiguration: [
          { stateMachineVersionArn: v1, weight: 50 },
          { stateMachineVersionArn: v2, weight: 50 },
        ],
      }),
    );
    const seen = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      const run = await outputOf(stateMachineAliasArn!);
      expect(run.stateMachineAliasArn).toBe(stateMachineAliasArn);
      expect(run.stateMachineArn).toBe(arn);
      // the output says which version's definition ran
      seen.set(run.stateMachineVersionArn!, run.output!);
    }
    expect(Object.fromEntries(seen)).toEqual({ [v1]: '"v1"', [v2]: '"v2"' });
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineAliasArn }));
    expect(listed.executions).toHaveLength(40);
    expect(listed.executions!.every((e) => e.stateMachineAliasArn === stateMachineAliasArn)).toBe(true);
  });
});
