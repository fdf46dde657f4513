/**
 * The local engine behind the AWS Step Functions API (awsJson1_0), so the AWS SDK, the AWS CLI
 * and `statelens ingest aws --endpoint` can talk to it: in-process (`handleSfnRequest`), on a
 * plain HTTP server (`startSfnServer`, `statelens sfn-local`) or as a Next.js route (app/api/sfn).
 */
export {
  createLocalSfnService,
  openLocalSfnService,
  SUPPORTED_TARGETS,
  type LocalSfnService,
  type LocalSfnServiceOptions,
} from "./local-sfn-service";
export { handleSfnRequest, type SfnHttpResponse } from "./handle-sfn-request";
export { startSfnServer, type SfnServer, type SfnServerOptions } from "./sfn-server";
export { historyToLogRecords, type SfnLogRecord, type LogRecordOptions } from "./history-to-log-records";
export { defaultTaskInvoker } from "./default-task-invoker";
export { SfnError } from "./sfn-error";
export { createMemoryStore, type SfnStore, type LocalExecution, type LocalStateMachine } from "./sfn-types";
