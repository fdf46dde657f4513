import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DeleteStateMachineCommand,
  InvalidArn,
  ListTagsForResourceCommand,
  PublishStateMachineVersionCommand,
  ResourceNotFound,
  TagResourceCommand,
  TooManyTags,
  UntagResourceCommand,
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

beforeAll(async () => {
  server = await startSfnServer({ service: createLocalSfnService() });
  sfn = localSfnClient(server.url);
});
afterAll(async () => {
  sfn.destroy();
  await server.close();
});

const tagsOf = async (resourceArn: string) => (await sfn.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

describe("tags on state machines", () => {
  it("keeps CreateStateMachine's tags, adds, replaces and removes them", async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: "tagged",
        definition: PASS,
        roleArn: ROLE,
        tags: [
          { key: "key1", value: "value1" },
          { key: "key2", value: "value2" },
        ],
      }),
    );
    const arn = stateMachineArn!;
    expect(await tagsOf(arn)).toEqual([
      { key: "key1", value: "value1" },
      { key: "key2", value: "value2" },
    ]);
    await sfn.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: "key2", value: "new" },
          { key: "empty", value: "" },
        ],
      }),
    );
    expect(await tagsOf(arn)).toEqual([
      { key: "key1", value: "value1" },
      { key: "key2", value: "new" },
      { key: "empty", value: "" },
    ]);
    await sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["key2", "not-there"] }));
    expect(await tagsOf(arn)).toEqual([
      { key: "key1", value: "value1" },
      { key: "empty", value: "" },
    ]);
    // a machine deleted and made again under the same name starts without tags
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await expect(tagsOf(arn)).rejects.toBeInstanceOf(ResourceNotFound);
    await sfn.send(new CreateStateMachineCommand({ name: "tagged", definition: PASS, roleArn: ROLE }));
    expect(await tagsOf(arn)).toEqual([]);
  });

  it("tags activities too: CreateActivity's tags (not a repeat's), TagResource, gone with the activity", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "tagged-activity", tags: [{ key: "team", value: "a" }] }));
    const arn = activityArn!;
    expect(await tagsOf(arn)).toEqual([{ key: "team", value: "a" }]);
    await sfn.send(new CreateActivityCommand({ name: "tagged-activity", tags: [{ key: "other", value: "b" }] }));
    await sfn.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "env", value: "test" }] }));
    expect(await tagsOf(arn)).toEqual([
      { key: "team", value: "a" },
      { key: "env", value: "test" },
    ]);
    await sfn.send(new DeleteActivityCommand({ activityArn: arn }));
    await expect(tagsOf(arn)).rejects.toBeInstanceOf(ResourceNotFound);
    await sfn.send(new CreateActivityCommand({ name: "tagged-activity" }));
    expect(await tagsOf(arn)).toEqual([]);
  });

  it("refuses versions, unknown resources, bad ARNs, bad tags and more than 50 tags", async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "tag-errors", definition: PASS, roleArn: ROLE }));
    const arn = stateMachineArn!;
    const { stateMachineVersionArn } = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn }));
    const onVersion = await sfn
      .send(new TagResourceCommand({ resourceArn: stateMachineVersionArn, tags: [{ key: "k", value: "v" }] }))
      .catch((e: unknown) => e);
    expect(onVersion).toBeInstanceOf(ResourceNotFound);
    expect((onVersion as Error).message).toBe(`Resource not found: '${stateMachineVersionArn}'`);
    await expect(tagsOf(`${arn}-missing`)).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(tagsOf("not-an-arn")).rejects.toBeInstanceOf(InvalidArn);
    const longKey = await sfn
      .send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "k".repeat(129), value: "v" }] }))
      .catch((e: unknown) => e);
    expect(longKey).toBeInstanceOf(ValidationException);
    expect((longKey as Error).message).toMatch(
      /at 'tags\.1\.member\.key' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    );
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: "v" }));
    const tooMany = await sfn.send(new TagResourceCommand({ resourceArn: arn, tags: many })).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(TooManyTags);
    expect((tooMany as TooManyTags).resourceName).toBe(arn);
    expect(await tagsOf(arn)).toEqual([]);
  });
});
