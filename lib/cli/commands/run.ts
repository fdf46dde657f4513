import type { Command } from "commander";
import { cliActor } from "../../audit/audit-actor";
import { recordAudit } from "../../audit/record-audit";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { runExecution } from "../../asl";
import type { TaskInvoker } from "../../asl/ports";
import { createMockTaskInvoker, parseMockConfig } from "../../asl/mocks";
import { saveExecution } from "../../db/save-execution";
import { EXAMPLE_WORKFLOWS, handlerInvoker } from "../../examples";
import { localExecutionArn, localStateMachineArn } from "../../ingest/arn";
import { executionFromResult } from "../../local/execution-from-result";
import { checkDefinitionText } from "../definition-check";
import { openDb, readJsonArg } from "../context";
import { printHistory } from "../print-history";
import { withoutBom } from "../../text/without-bom";

interface RunOptions {
  input: string;
  name?: string;
  stateMachine?: string;
  mocks?: string;
  testCase?: string;
  examples?: boolean;
  json?: boolean;
  store?: boolean;
}

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run a state machine definition on the local engine (virtual clock) and print status, output and history")
    .argument("<definition>", "ASL definition JSON file")
    .option("-i, --input <json|@file>", "execution input", "{}")
    .option("--name <name>", "execution name", `local-${Date.now()}`)
    .option("--state-machine <name>", "state machine name (default: the definition file's name)")
    .option("--mocks <file>", "Step Functions Local mock configuration answering Task states")
    .option("--test-case <name>", "test case in the mock configuration (with --mocks)")
    .option("--examples", "answer Task states with the bundled example workflows' local handlers")
    .option("--json", "print one JSON document: status, output, error, cause, events")
    .option("--store", "store the execution in the database (source: local)")
    .action(async (file: string, options: RunOptions) => {
      const text = withoutBom(
        await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
          throw new Error(`${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
        }),
      );
      const definition = checkDefinitionText(text, file) as object;
      const input = await readJsonArg(options.input, "--input");
      const stateMachineName =
        options.stateMachine ??
        path
          .basename(file)
          .replace(/(\.asl)?\.json$/i, "")
          .replace(/\.definition$/, "");
      const name = options.name!;
      const taskInvoker = await invokerFor(options, stateMachineName);
      const executionArn = localExecutionArn(stateMachineName, name);
      const stateMachineArn = localStateMachineArn(stateMachineName);
      const result = await runExecution({
        definition,
        input,
        context: {
          executionArn,
          executionName: name,
          stateMachineArn,
          stateMachineName,
          roleArn: "arn:aws:iam::000000000000:role/statelens-local",
        },
        taskInvoker,
      });
      if (options.store) {
        const { db } = await openDb();
        const saved = await saveExecution(
          db,
          executionFromResult(result, {
            executionArn,
            name,
            stateMachineArn,
            stateMachineName,
            definition: JSON.stringify(definition),
            input,
          }),
        );
        await recordAudit(db, {
          actor: cliActor(),
          action: "run",
          target: executionArn,
          details: { status: result.status, stored: saved.id, outcome: saved.outcome, file },
        });
        if (!options.json) console.log(`stored as execution ${saved.id}`);
      }
      if (options.json) {
        console.log(
          JSON.stringify(
            { status: result.status, output: result.output, error: result.error, cause: result.cause, events: result.events },
            null,
            2,
          ),
        );
      } else {
        console.log(`status: ${result.status}`);
        if (result.status === "SUCCEEDED") console.log(`output: ${JSON.stringify(result.output)}`);
        else console.log(`error:  ${result.error ?? ""}\ncause:  ${result.cause ?? ""}`);
        console.log("");
        printHistory(result.events);
      }
      if (result.status !== "SUCCEEDED") process.exitCode = 2;
    });
}

async function invokerFor(options: RunOptions, stateMachineName: string): Promise<TaskInvoker | undefined> {
  const examples = options.examples ? handlerInvoker(Object.assign({}, ...EXAMPLE_WORKFLOWS.map((w) => w.handlers))) : undefined;
  if (!options.mocks) {
    if (options.testCase) throw new Error("--test-case needs --mocks");
    return examples;
  }
  if (!options.testCase) throw new Error("--mocks needs --test-case <name>");
  const config = parseMockConfig(await readJsonArg(`@${options.mocks}`, "--mocks"));
  return createMockTaskInvoker(config, stateMachineName, options.testCase, { fallback: examples });
}
