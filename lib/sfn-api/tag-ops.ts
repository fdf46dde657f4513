import { activityRegistry } from "./activity-registry";
import { ModelConstraints } from "./model-constraints";
import { parseStatesArn, type Body } from "./request-fields";
import { resourcesOf } from "./resource-store";
import type { ServiceContext } from "./service-context";
import { SfnError, validationError } from "./sfn-error";
import type { SfnStore } from "./sfn-types";

/** AWS's limit on user tags per resource. */
const MAX_TAGS = 50;

/** TooManyTags carries the resource's name beside the message, as AWS's error shape does. */
class TooManyTags extends SfnError {
  constructor(private readonly resourceName: string) {
    super("TooManyTags", `Too many tags: a resource has at most ${MAX_TAGS} tags`);
  }

  override toBody() {
    return { ...super.toBody(), resourceName: this.resourceName };
  }
}

type Tag = { key: string; value: string };

/**
 * The resources that take tags: state machines (not their versions or aliases) and activities.
 * Others are ResourceNotFound.
 */
function taggable(store: SfnStore, arn: string): boolean {
  const parsed = parseStatesArn(arn, ["stateMachine", "activity", "execution", "express", "mapRun"]);
  if (parsed.resourceType === "stateMachine") return parsed.parts.length === 1 && store.stateMachines.has(arn);
  if (parsed.resourceType === "activity") return activityRegistry(store).activities.has(arn);
  return false;
}

function resourceArn(ctx: ServiceContext, body: Body): string {
  const arn = ModelConstraints.arn(body, "resourceArn")!;
  if (!taggable(ctx.store, arn)) throw new SfnError("ResourceNotFound", `Resource not found: '${arn}'`);
  return arn;
}

/** A `tags` list: each key 1-128 characters, each value 0-256, at most 50 in one request. */
function readTags(body: Body, field = "tags", required = true): Tag[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) {
    if (required) throw validationError(field, null, "Member must not be null");
    return undefined;
  }
  if (!Array.isArray(value))
    throw new SfnError("SerializationException", `Expected a list for member '${field}'`, 400, "com.amazon.coral.service");
  const tags = value.map((raw, i) => {
    const tag = new ModelConstraints((raw ?? {}) as Body);
    const key = tag.text("key", { required: true, min: 1, max: 128 });
    const val = tag.text("value", { required: true, max: 256 });
    try {
      tag.check();
    } catch (error) {
      // name the member as AWS does: tags.1.member.key
      throw new SfnError("ValidationException", (error as Error).message.replaceAll(" at '", ` at '${field}.${i + 1}.member.`));
    }
    return { key: key!, value: val! };
  });
  return tags;
}

function store(ctx: ServiceContext, arn: string): Map<string, string> {
  const tags = resourcesOf(ctx.store).tags;
  let own = tags.get(arn);
  if (!own) tags.set(arn, (own = new Map()));
  return own;
}

function add(ctx: ServiceContext, arn: string, tags: Tag[]): void {
  const own = store(ctx, arn);
  const keys = new Set([...own.keys(), ...tags.map((t) => t.key)]);
  if (keys.size > MAX_TAGS) throw new TooManyTags(arn);
  for (const { key, value } of tags) own.set(key, value);
}

/** TagResource: adds tags, replacing the value of a key already there. */
export function tagResource(ctx: ServiceContext, body: Body) {
  const arn = resourceArn(ctx, body);
  add(ctx, arn, readTags(body)!);
  return {};
}

/** UntagResource: removes the keys given (keys not there are ignored). */
export function untagResource(ctx: ServiceContext, body: Body) {
  const arn = resourceArn(ctx, body);
  const keys = body.tagKeys;
  if (keys === undefined || keys === null) throw validationError("tagKeys", null, "Member must not be null");
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== "string")) {
    throw new SfnError("SerializationException", "Expected a list of strings for member 'tagKeys'", 400, "com.amazon.coral.service");
  }
  const own = resourcesOf(ctx.store).tags.get(arn);
  for (const key of keys as string[]) own?.delete(key);
  return {};
}

export function listTagsForResource(ctx: ServiceContext, body: Body) {
  const arn = resourceArn(ctx, body);
  const own = resourcesOf(ctx.store).tags.get(arn) ?? new Map<string, string>();
  return { tags: [...own].map(([key, value]) => ({ key, value })) };
}

/** CreateStateMachine's (and CreateActivity's) `tags`, checked before the resource is made. */
export function checkCreateTags(body: Body): Tag[] | undefined {
  const tags = readTags(body, "tags", false);
  if (tags && new Set(tags.map((t) => t.key)).size > MAX_TAGS) throw new TooManyTags(String(body.name ?? ""));
  return tags;
}

export function applyCreateTags(ctx: ServiceContext, arn: string, tags: Tag[] | undefined): void {
  if (tags && tags.length > 0) add(ctx, arn, tags);
}
