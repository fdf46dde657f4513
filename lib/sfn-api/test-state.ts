import { runExecution, validateDefinition, type TaskInvoker } from "../asl";
import { taskEventType } from "../asl/history/event-roles";
import { detailsOf, type HistoryEvent } from "../asl/history/types";
import { dataFlowSteps } from "../asl/data-flow";
import { invalidDefinitionMessage, issueDiagnostics } from "./definition-diagnostics";
import { ModelConstraints } from "./model-constraints";
import { checkRoleArn, optionalBoolean, optionalEnum, optionalString, type Body } from "./request-fields";
import type { ServiceContext } from "./service-context";
import { SfnError } from "./sfn-error";
import { retryDecision, singleStateMachine, stateUnderTest, type StateUnderTest } from "./test-state-machine";

const invalidDefinition = (problem: string) => new SfnError("InvalidDefinition", `Invalid State Machine Definition: '${problem}'`);

/**
 * TestState: runs one state on the engine with the given input (and variables), answering its
 * task from `mock` or the service's invoker. Status SUCCEEDED, FAILED, CAUGHT_ERROR (a Catch
 * took it to `nextState`) or RETRIABLE (a Retry would run it again; TestState never retries).
 * inspectionData (DEBUG and TRACE) holds input, afterInputPath, afterParameters, result,
 * afterResultSelector / afterResultPath where they follow from the run, and variables.
 */
export async function testState(ctx: ServiceContext, body: Body) {
  const model = new ModelConstraints(body);
  const definitionText = model.text("definition", { required: true, min: 1, max: 1_048_576, sensitive: true })!;
  const roleArn = model.text("roleArn", { min: 1, max: 256 });
  model.payload("input");
  model.payload("variables");
  model.check();
  if (roleArn !== undefined) checkRoleArn(roleArn);
  const level = optionalEnum(body, "inspectionLevel", ["INFO", "DEBUG", "TRACE"] as const) ?? "INFO";
  optionalBoolean(body, "revealSecrets");
  let definition: unknown;
  try {
    definition = JSON.parse(definitionText);
  } catch (error) {
    throw invalidDefinition(`INVALID_JSON_DESCRIPTION: ${(error as Error).message}`);
  }
  const found = stateUnderTest(definition, optionalString(body, "stateName"));
  if ("problem" in found) throw new SfnError("ValidationException", found.problem);
  const machine = singleStateMachine(found);
  const issues = validateDefinition(machine);
  if (issues.length > 0) {
    throw new SfnError("InvalidDefinition", invalidDefinitionMessage(issueDiagnostics(issues)));
  }
  const inputText = optionalString(body, "input") ?? "{}";
  const input = parseJson(
    inputText,
    () => new SfnError("InvalidExecutionInput", `Invalid State Machine Execution Input: '${inputText.slice(0, 100)}'`),
  );
  const variablesText = optionalString(body, "variables");
  const variables =
    variablesText === undefined
      ? undefined
      : parseJson(variablesText, () => new SfnError("ValidationException", "variables must be a JSON object"));
  if (variables !== undefined && (typeof variables !== "object" || variables === null || Array.isArray(variables)))
    throw new SfnError("ValidationException", "variables must be a JSON object");
  const invoker = mockInvoker(body.mock) ?? checkedInvoker(ctx.invoker, found);

  const result = await runExecution({
    definition: machine,
    input,
    taskInvoker: invoker,
    evaluationGuard: ctx.evaluationGuard?.(),
    context: { stateMachineName: "TestState", executionName: "TestState", startTime: ctx.now() },
    ...(variables ? { startFrom: { stateName: found.name, input, variables: variables as Record<string, unknown> } } : {}),
  });
  const events = result.events;
  const named = (suffix: string) => events.find((e) => e.type.endsWith(suffix) && detailsOf(e)?.name === found.name);
  const exited = named("StateExited");
  const next = exited ? events.find((e) => e.id > exited.id && e.type.endsWith("StateEntered")) : undefined;
  const nextState = next ? String(detailsOf(next)?.name) : undefined;
  const failure = lastFailure(events, exited?.id ?? Infinity);
  const error = result.status === "SUCCEEDED" ? failure?.error : result.error;
  const cause = result.status === "SUCCEEDED" ? failure?.cause : result.cause;
  const retryCount = Number((body.stateConfiguration as { retrierRetryCount?: unknown } | undefined)?.retrierRetryCount ?? 0);
  const retry = error !== undefined ? retryDecision(found.state, error, retryCount) : null;
  const caught = result.status === "SUCCEEDED" && Array.isArray(found.state.Catch) && failure !== undefined && nextState !== undefined;
  const status = retry ? "RETRIABLE" : result.status !== "SUCCEEDED" ? "FAILED" : caught ? "CAUGHT_ERROR" : "SUCCEEDED";
  const output = status === "SUCCEEDED" || status === "CAUGHT_ERROR" ? detailsText(exited, "output") : undefined;
  return {
    status,
    ...(output !== undefined ? { output } : {}),
    ...(status !== "SUCCEEDED" && error !== undefined ? { error } : {}),
    ...(status !== "SUCCEEDED" && cause !== undefined ? { cause } : {}),
    ...(status === "SUCCEEDED" || status === "CAUGHT_ERROR" ? (nextState ? { nextState } : {}) : {}),
    ...(level !== "INFO"
      ? {
          inspectionData: await inspection(found, events, input, variables as Record<string, unknown> | undefined, exited, retry, failure),
        }
      : {}),
  };
}

function parseJson(textValue: string, error: () => SfnError): unknown {
  try {
    return JSON.parse(textValue);
  } catch {
    throw error();
  }
}

/** The mock's result or error answers every task call. */
function mockInvoker(mock: unknown): TaskInvoker | undefined {
  if (!mock || typeof mock !== "object") return undefined;
  const { result, errorOutput } = mock as { result?: unknown; errorOutput?: { error?: string; cause?: string } };
  if (errorOutput) return { invoke: () => ({ error: errorOutput.error ?? "States.TaskFailed", cause: errorOutput.cause }) };
  if (typeof result !== "string") throw new SfnError("ValidationException", "mock must have a result or an errorOutput");
  const output = parseJson(result, () => new SfnError("ValidationException", "mock.result must be valid JSON"));
  return { invoke: () => ({ output }) };
}

/** Without a mock, callbacks and activities would wait forever: AWS refuses them too. */
function checkedInvoker(invoker: TaskInvoker, test: StateUnderTest): TaskInvoker {
  const resource = typeof test.state.Resource === "string" ? test.state.Resource : "";
  if (/\.(sync(:\d+)?|waitForTaskToken)$/.test(resource) || /:activity:/.test(resource)) {
    throw new SfnError(
      "ValidationException",
      "TestState supports Activity tasks and .sync or .waitForTaskToken integrations only with a mock",
    );
  }
  return invoker;
}

/** The last error reported by an event of the state (before its exit), ignoring the execution's own. */
function lastFailure(events: readonly HistoryEvent[], beforeId: number): { error: string; cause?: string } | undefined {
  let found: { error: string; cause?: string } | undefined;
  for (const event of events) {
    if (event.id >= beforeId || event.type.startsWith("Execution")) continue;
    const details = detailsOf(event);
    if (typeof details?.error === "string")
      found = { error: details.error, cause: typeof details.cause === "string" ? details.cause : undefined };
  }
  return found;
}

function detailsText(event: HistoryEvent | undefined, field: string): string | undefined {
  const value = event ? detailsOf(event)?.[field] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** A Task's or Lambda function's call event of this phase (`TaskScheduled`, `LambdaFunctionSucceeded`); not an activity's. */
function isCallPhase(type: string, phase: string): boolean {
  const call = taskEventType(type);
  return call !== undefined && call.kind !== "Activity" && call.phase === phase;
}

/**
 * inspectionData as AWS reports it, from the data-flow steps of the state (lib/asl/data-flow):
 * Task: input, afterInputPath, afterParameters, result, afterResultSelector, afterResultPath;
 * Pass: the same without `result`, or with a Result field input, result, afterResultSelector,
 * afterResultPath; Choice, Succeed, Fail: input, afterInputPath; JSONata: input, afterArguments,
 * result. Fields AWS reports when the state has no such field carry the value passing through.
 */
async function inspection(
  test: StateUnderTest,
  events: readonly HistoryEvent[],
  input: unknown,
  variables: Record<string, unknown> | undefined,
  exited: HistoryEvent | undefined,
  retry: ReturnType<typeof retryDecision>,
  failure: { error: string; cause?: string } | undefined,
) {
  const state = test.state;
  const scheduled = events.find((e) => isCallPhase(e.type, "Scheduled"));
  const succeeded = events.find((e) => isCallPhase(e.type, "Succeeded"));
  const resultText = detailsText(succeeded, "output");
  const flow = await dataFlowSteps({
    state,
    queryLanguage: test.queryLanguage === "JSONata" ? "JSONata" : "JSONPath",
    input,
    ...(resultText !== undefined ? { result: { value: JSON.parse(resultText) } } : {}),
    ...(failure && !succeeded ? { failure: { error: failure.error, cause: failure.cause ?? null } } : {}),
    ...(variables ? { variables } : {}),
  });
  const step = (field: string) => flow.steps.find((s) => s.field === field && "value" in s);
  const data: Record<string, unknown> = { input: JSON.stringify(input) };
  const put = (name: string, value: unknown) => {
    if (value !== undefined) data[name] = JSON.stringify(value);
  };
  const type = String(state.Type);
  if (test.queryLanguage === "JSONata") {
    if (type === "Task") put("afterArguments", step("Arguments")?.value ?? input);
    if (resultText !== undefined) data.result = resultText;
  } else if (type === "Pass" && state.Result !== undefined) {
    put("result", state.Result);
    put("afterResultSelector", state.Result);
    put("afterResultPath", step("ResultPath")?.value);
  } else {
    const afterInputPath = step("InputPath")?.value;
    put("afterInputPath", afterInputPath);
    if (type === "Task" || type === "Pass") {
      const parameters = detailsText(scheduled, "parameters");
      if (parameters !== undefined) data.afterParameters = parameters;
      else put("afterParameters", step("Parameters")?.value ?? afterInputPath);
      if (resultText !== undefined) data.result = resultText;
      const selected =
        step("ResultSelector")?.value ?? (type === "Pass" ? (step("Parameters")?.value ?? afterInputPath) : step("Result")?.value);
      put("afterResultSelector", selected);
      put("afterResultPath", step("ResultPath")?.value ?? step("Catch ResultPath")?.value);
    }
  }
  const assigned = exited ? (detailsOf(exited)?.assignedVariables as Record<string, string> | undefined) : undefined;
  const after = { ...(variables ?? {}), ...Object.fromEntries(Object.entries(assigned ?? {}).map(([k, v]) => [k, JSON.parse(v)])) };
  if (Object.keys(after).length > 0) data.variables = JSON.stringify(after);
  if (retry) data.errorDetails = retry;
  return data;
}
