import { activityRegistry, type LocalActivity } from "./activity-registry";
import { ModelConstraints } from "./model-constraints";
import { resourcesOf } from "./resource-store";
import { applyCreateTags } from "./tag-ops";
import { decodeToken, encodeToken, isText } from "./page-token";
import { checkName, optionalString, pageSize, parseStatesArn, type Body } from "./request-fields";
import { arnPrefix, type ServiceContext } from "./service-context";
import { turns } from "./settle";
import { SfnError, validationError } from "./sfn-error";

/**
 * CreateActivity: idempotent on the name (the same ARN and creationDate come back; tags of a
 * repeated call are ignored, as the API reference says). Names follow the state machine rules
 * (AWS answers InvalidName `Invalid Name: '<name>'`, LocalStack's AWS-validated snapshots).
 */
export function createActivity(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const name = model.text("name", { required: true, min: 1, max: 80 })!;
  model.check();
  checkName(name);
  const tags = readTags(body.tags);
  const encryption = body.encryptionConfiguration as { type?: unknown } | undefined;
  const activities = activityRegistry(ctx.store).activities;
  const activityArn = `${arnPrefix(ctx)}:activity:${name}`;
  let activity = activities.get(activityArn);
  if (!activity) {
    activity = {
      activityArn,
      name,
      creationDate: ctx.now(),
      tags,
      encryptionType: typeof encryption?.type === "string" ? encryption.type : "AWS_OWNED_KEY",
    };
    activities.set(activityArn, activity);
    // readable with ListTagsForResource, changed with TagResource / UntagResource (a repeat's tags are ignored)
    applyCreateTags(ctx, activityArn, tags);
  }
  return { activityArn, creationDate: activity.creationDate };
}

export function describeActivity(ctx: ServiceContext, body: Body) {
  const activity = getActivity(ctx, ModelConstraints.arn(body, "activityArn")!);
  return {
    activityArn: activity.activityArn,
    name: activity.name,
    creationDate: activity.creationDate,
    encryptionConfiguration: { type: activity.encryptionType },
  };
}

/** ListActivities: by name, maxResults per page (default 100) with an opaque nextToken. */
export function listActivities(ctx: ServiceContext, body: Body) {
  const size = pageSize(body);
  const after = decodeToken(optionalString(body, "nextToken"), "activities", isText);
  const all = [...activityRegistry(ctx.store).activities.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const rest = after === undefined ? all : all.filter((a) => a.name > after);
  const page = rest.slice(0, size);
  return {
    activities: page.map((a) => ({ activityArn: a.activityArn, name: a.name, creationDate: a.creationDate })),
    ...(rest.length > size ? { nextToken: encodeToken("activities", page[page.length - 1].name) } : {}),
  };
}

/** DeleteActivity: idempotent, as on AWS (a second delete answers {} too). */
export function deleteActivity(ctx: ServiceContext, body: Body) {
  const arn = ModelConstraints.arn(body, "activityArn")!;
  parseStatesArn(arn, ["activity"]);
  activityRegistry(ctx.store).delete(arn);
  resourcesOf(ctx.store).tags.delete(arn);
  return {};
}

/**
 * GetActivityTask: a long poll. Answers `{taskToken, input}` as soon as a task of the activity is
 * scheduled (the execution records ActivityStarted with `workerName`), or `{}` after
 * `ctx.activityPollMs` (60 s, AWS's maximum) when none came, or at once when the caller left.
 */
export async function getActivityTask(ctx: ServiceContext, body: Body, signal?: AbortSignal) {
  const model = new ModelConstraints(body);
  const arn = model.text("activityArn", { required: true, min: 1, max: 256 })!;
  const workerName = model.text("workerName", { min: 1, max: 80 });
  model.check();
  getActivity(ctx, arn);
  const task = await activityRegistry(ctx.store).poll(arn, ctx.activityPollMs, signal);
  if (!task) return {};
  task.take(workerName);
  if (ctx.durable) await startedRecorded(ctx, task.executionArn);
  return { taskToken: task.taskToken, input: task.input };
}

/** Engine turns the ActivityStarted of a taken task may take to be recorded. */
const STARTED_TURNS = 20;

/**
 * With durable state, the worker hears of its task only once the execution's ActivityStarted is
 * written with it (the service writes before answering): after a restart, the task is then the
 * worker's, not handed to another.
 */
async function startedRecorded(ctx: ServiceContext, executionArn: string): Promise<void> {
  const execution = ctx.store.executions.get(executionArn);
  if (!execution) return;
  const before = execution.events().length;
  for (let turn = 0; turn < STARTED_TURNS && execution.handle && execution.events().length === before; turn++) await turns(1);
  ctx.durable?.changed(executionArn);
}

function getActivity(ctx: ServiceContext, arn: string): LocalActivity {
  parseStatesArn(arn, ["activity"]);
  const activity = activityRegistry(ctx.store).activities.get(arn);
  if (!activity) throw activityDoesNotExist(arn);
  return activity;
}

export const activityDoesNotExist = (arn: string) => new SfnError("ActivityDoesNotExist", `Activity Does Not Exist: '${arn}'`);

/** Tags: a list of {key, value} strings (at most 50, as the API's TagList allows). */
function readTags(value: unknown): { key: string; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new SfnError("SerializationException", "Expected a list for member 'tags'", 400, "com.amazon.coral.service");
  if (value.length > 50) throw new SfnError("TooManyTags", "Too many tags: at most 50 are allowed");
  return value.map((tag: unknown, i) => {
    const { key, value: text } = (tag ?? {}) as { key?: unknown; value?: unknown };
    if (typeof key !== "string" || key.length < 1 || key.length > 128)
      throw validationError(`tags.${i + 1}.member.key`, key, "Member must have length between 1 and 128");
    if (text !== undefined && (typeof text !== "string" || text.length > 256))
      throw validationError(`tags.${i + 1}.member.value`, text, "Member must have length less than or equal to 256");
    return { key, value: typeof text === "string" ? text : "" };
  });
}
