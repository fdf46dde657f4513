import {
  createStateMachineAlias,
  deleteStateMachineAlias,
  describeStateMachineAlias,
  listStateMachineAliases,
  updateStateMachineAlias,
} from "./alias-ops";
import { createStateMachineWithExtras, deleteStateMachineAndVersions, describeStateMachineOrVersion } from "./machine-lifecycle-ops";
import type { Body } from "./request-fields";
import type { ServiceContext } from "./service-context";
import { describeMapRun, updateMapRun } from "./map-run-ops";
import { redriveExecution } from "./redrive-ops";
import { listTagsForResource, tagResource, untagResource } from "./tag-ops";
import { updateStateMachine } from "./update-ops";
import { deleteStateMachineVersion, listStateMachineVersions, publishStateMachineVersion } from "./version-ops";

/**
 * The operations of updates, versions, aliases, tags, redrive and map runs. Registered after the base table in
 * local-sfn-service.ts, so Create/Describe/DeleteStateMachine here replace the plain ones with
 * versions of them that also publish, describe versions and forget a deleted machine's versions.
 */
export const EXTRA_OPERATIONS: Record<string, (ctx: ServiceContext, body: Body) => unknown> = {
  CreateStateMachine: createStateMachineWithExtras,
  DescribeStateMachine: describeStateMachineOrVersion,
  DeleteStateMachine: deleteStateMachineAndVersions,
  UpdateStateMachine: updateStateMachine,
  PublishStateMachineVersion: publishStateMachineVersion,
  ListStateMachineVersions: listStateMachineVersions,
  DeleteStateMachineVersion: deleteStateMachineVersion,
  CreateStateMachineAlias: createStateMachineAlias,
  DescribeStateMachineAlias: describeStateMachineAlias,
  ListStateMachineAliases: listStateMachineAliases,
  UpdateStateMachineAlias: updateStateMachineAlias,
  DeleteStateMachineAlias: deleteStateMachineAlias,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  RedriveExecution: redriveExecution,
  DescribeMapRun: describeMapRun,
  UpdateMapRun: updateMapRun,
};
