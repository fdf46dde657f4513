import { ModelConstraints } from "./model-constraints";
import { decodeToken, encodeToken, isCount } from "./page-token";
import { pageSize, type Body } from "./request-fields";
import { aliasesRoutingTo, parseQualifiedArn } from "./qualified-arn";
import { resourcesOf, versionsOf, type MachineVersion } from "./resource-store";
import type { ServiceContext } from "./service-context";
import { invalidArn, SfnError, stateMachineDoesNotExist } from "./sfn-error";
import type { LocalStateMachine } from "./sfn-types";

/**
 * Publishes the machine's current revision as the next version, or answers the version that
 * already holds this revision (publishing is idempotent per revision, as on AWS). Version
 * numbers only grow: a deleted version's number is not handed out again.
 */
export function publishRevision(ctx: ServiceContext, machine: LocalStateMachine, description?: string): MachineVersion {
  const existing = versionsOf(ctx.store, machine.stateMachineArn).find((v) => v.snapshot.revisionId === machine.revisionId);
  if (existing) return existing;
  const resources = resourcesOf(ctx.store);
  const number = (resources.versionCounters.get(machine.stateMachineArn) ?? 0) + 1;
  if (versionsOf(ctx.store, machine.stateMachineArn).length >= 1000) {
    throw new SfnError("ServiceQuotaExceededException", "Maximum number of state machine versions (1000) reached", 402);
  }
  resources.versionCounters.set(machine.stateMachineArn, number);
  const version: MachineVersion = {
    arn: `${machine.stateMachineArn}:${number}`,
    machineArn: machine.stateMachineArn,
    number,
    snapshot: { ...machine, loggingConfiguration: structuredClone(machine.loggingConfiguration) },
    description,
    creationDate: ctx.now(),
  };
  resources.versions.set(version.arn, version);
  return version;
}

/**
 * PublishStateMachineVersion: `revisionId` guards against publishing a revision other than the
 * one the caller saw (ConflictException); `INITIAL` stands for the revision CreateStateMachine made.
 */
export function publishStateMachineVersion(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const arn = model.text("stateMachineArn", { required: true, min: 1, max: 256 })!;
  const revisionId = model.text("revisionId", { max: 256 });
  const description = model.text("description", { max: 256, sensitive: true });
  model.check();
  const qualified = parseQualifiedArn(arn);
  const machine = qualified.kind === "machine" ? ctx.store.stateMachines.get(arn) : undefined;
  if (!machine) throw stateMachineDoesNotExist(arn);
  const initial = revisionId === "INITIAL" && machine.updateDate === undefined;
  if (revisionId !== undefined && !initial && revisionId !== machine.revisionId) {
    throw new SfnError(
      "ConflictException",
      `Failed to publish the State Machine version for revision ${revisionId}. The current State Machine revision is ${machine.revisionId}.`,
      409,
    );
  }
  const version = publishRevision(ctx, machine, description);
  return { stateMachineVersionArn: version.arn, creationDate: version.creationDate };
}

/** ListStateMachineVersions: newest first, paged by version number. */
export function listStateMachineVersions(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const arn = model.text("stateMachineArn", { required: true, min: 1, max: 256 })!;
  const token = model.text("nextToken", { min: 1, max: 1024 });
  model.check();
  const size = pageSize(body);
  if (parseQualifiedArn(arn).kind !== "machine") throw invalidArn(`Invalid ARN: ${arn}`);
  const scope = `versions:${arn}`;
  const after = decodeToken(token, scope, isCount);
  const all = versionsOf(ctx.store, arn);
  const rest = after === undefined ? all : all.filter((v) => v.number < after);
  const page = rest.slice(0, size);
  return {
    stateMachineVersions: page.map((v) => ({ stateMachineVersionArn: v.arn, creationDate: v.creationDate })),
    ...(rest.length > size ? { nextToken: encodeToken(scope, page[page.length - 1].number) } : {}),
  };
}

/**
 * DeleteStateMachineVersion: idempotent (a version already gone is fine), refused with
 * ConflictException while an alias routes to it. Running executions of the version go on.
 */
export function deleteStateMachineVersion(ctx: ServiceContext, body: Body) {
  const arn = ModelConstraints.arn(body, "stateMachineVersionArn", true, 2000)!;
  const qualified = parseQualifiedArn(arn);
  if (qualified.kind !== "version") throw invalidArn(`Invalid ARN: ${arn}`);
  const version = resourcesOf(ctx.store).versions.get(arn);
  if (!version) return {};
  const routing = aliasesRoutingTo(ctx, arn, version.machineArn);
  if (routing.length > 0) {
    throw new SfnError(
      "ConflictException",
      `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${routing.map((a) => a.name).join(", ")}]`,
      409,
    );
  }
  resourcesOf(ctx.store).versions.delete(arn);
  return {};
}

/** DescribeStateMachine of a version ARN: the published snapshot under the version's ARN and date. */
export function describeVersion(ctx: ServiceContext, arn: string) {
  const version = resourcesOf(ctx.store).versions.get(arn);
  if (!version) throw stateMachineDoesNotExist(arn);
  const machine = version.snapshot;
  return {
    stateMachineArn: version.arn,
    name: machine.name,
    status: "ACTIVE",
    type: machine.type,
    definition: machine.definition,
    roleArn: machine.roleArn,
    creationDate: version.creationDate,
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration ?? { enabled: false },
    revisionId: machine.revisionId,
    ...(version.description !== undefined ? { description: version.description } : {}),
  };
}
