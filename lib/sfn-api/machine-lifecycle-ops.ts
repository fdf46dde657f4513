import { ModelConstraints } from "./model-constraints";
import { optionalBoolean, type Body } from "./request-fields";
import { refuseMapStateArn } from "./qualified-arn";
import { forgetStateMachine } from "./resource-store";
import type { ServiceContext } from "./service-context";
import { createStateMachine, deleteStateMachine, describeStateMachine } from "./state-machine-ops";
import { applyCreateTags, checkCreateTags } from "./tag-ops";
import { describeVersion, publishRevision } from "./version-ops";

/**
 * CreateStateMachine with what state-machine-ops leaves to the versioning and tagging stores:
 * `publish: true` publishes the first revision as version 1 (answered as stateMachineVersionArn),
 * `tags` are stored for ListTagsForResource.
 */
export function createStateMachineWithExtras(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  model.text("versionDescription", { max: 256, sensitive: true });
  model.check();
  const tags = checkCreateTags(body);
  const created = createStateMachine(ctx, body);
  applyCreateTags(ctx, created.stateMachineArn, tags);
  if (optionalBoolean(body, "publish") !== true) return created;
  const machine = ctx.store.stateMachines.get(created.stateMachineArn)!;
  const description = typeof body.versionDescription === "string" ? body.versionDescription : undefined;
  const version = publishRevision(ctx, machine, description);
  return { ...created, stateMachineVersionArn: version.arn };
}

/** DescribeStateMachine of the machine, or of a version (`<arn>:<n>`). */
export function describeStateMachineOrVersion(ctx: ServiceContext, body: Body) {
  const arn = ModelConstraints.arn(body, "stateMachineArn")!;
  if (refuseMapStateArn(arn).kind === "version") return describeVersion(ctx, arn);
  return describeStateMachine(ctx, body);
}

/** DeleteStateMachine also deletes the machine's versions, aliases and tags, as AWS does. */
export function deleteStateMachineAndVersions(ctx: ServiceContext, body: Body) {
  refuseMapStateArn(ModelConstraints.arn(body, "stateMachineArn")!);
  const result = deleteStateMachine(ctx, body);
  forgetStateMachine(ctx.store, body.stateMachineArn as string);
  return result;
}
