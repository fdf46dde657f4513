import { seededRandom } from "../../lib/asl/ports";

/** The state machines a filled store spreads its executions over (weights sum to 1). */
export const FILL_MACHINES = [
  { name: "OrderPipeline", weight: 0.34, type: "STANDARD", versions: 3 },
  { name: "PaymentVerification", weight: 0.22, type: "STANDARD", versions: 2 },
  { name: "InventorySync", weight: 0.14, type: "EXPRESS", versions: 2 },
  { name: "ReturnProcess", weight: 0.1, type: "STANDARD", versions: 1 },
  { name: "NightlyReport", weight: 0.08, type: "STANDARD", versions: 1 },
  { name: "EmailCampaign", weight: 0.06, type: "EXPRESS", versions: 2 },
  { name: "FraudReview", weight: 0.04, type: "STANDARD", versions: 1 },
  { name: "LegacyImport", weight: 0.02, type: "STANDARD", versions: 1 },
] as const;

export const FILL_STATUSES = [
  { status: "SUCCEEDED", weight: 0.82 },
  { status: "FAILED", weight: 0.1 },
  { status: "RUNNING", weight: 0.03 },
  { status: "TIMED_OUT", weight: 0.03 },
  { status: "ABORTED", weight: 0.02 },
] as const;

export const FILL_SOURCES = [
  { source: "aws", weight: 0.7 },
  { source: "logs", weight: 0.15 },
  { source: "local", weight: 0.1 },
  { source: "file", weight: 0.05 },
] as const;

export const FILL_ERRORS = [
  "States.TaskFailed",
  "PaymentDeclined",
  "Lambda.ServiceException",
  "ValidationError",
  "States.Runtime",
  "InventoryShortage",
] as const;

const REGION = "us-east-1";
const ACCOUNT = "123456789012";

export function machineArn(name: string): string {
  return `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
}

function pick<T extends { weight: number }>(items: readonly T[], r: number): T {
  let acc = 0;
  for (const item of items) {
    acc += item.weight;
    if (r < acc) return item;
  }
  return items[items.length - 1];
}

export interface FilledExecution {
  /** index into FILL_MACHINES */
  machine: number;
  version: number;
  name: string;
  executionArn: string;
  type: string;
  status: string;
  source: string;
  startMs: number;
  stopMs: number | null;
  error: string | null;
  cause: string | null;
  /** about 1% were redriven once or twice */
  redriveCount: number;
  input: string;
  output: string | null;
  searchText: string;
}

/**
 * Deterministic synthetic executions: `n` of them spread evenly (with jitter) over `days` days
 * ending at `endMs`, oldest first, with weighted machines, statuses and sources, small JSON
 * payloads and the lower-cased search text saveExecution would derive (name, input, output,
 * error, cause and two task payloads).
 */
export function* fillModel(n: number, endMs: number, days = 90, seed = 1): Generator<FilledExecution> {
  const random = seededRandom(seed).random;
  const span = days * 86_400_000;
  const startOfRange = endMs - span;
  for (let i = 0; i < n; i++) {
    const machineIndex = FILL_MACHINES.indexOf(pick(FILL_MACHINES, random()));
    const machine = FILL_MACHINES[machineIndex];
    const startMs = Math.floor(startOfRange + ((i + random()) / n) * span);
    const version = 1 + Math.min(machine.versions - 1, Math.floor(((startMs - startOfRange) / span) * machine.versions));
    let status: string = pick(FILL_STATUSES, random()).status;
    if (status === "RUNNING" && endMs - startMs > 2 * 86_400_000) status = "SUCCEEDED";
    const source = machine.type === "EXPRESS" ? "logs" : pick(FILL_SOURCES, random()).source;
    const durationMs = Math.floor(200 + random() * random() * 600_000);
    const name = `${machine.name.toLowerCase()}-${i.toString(36).padStart(6, "0")}-${Math.floor(random() * 1e9).toString(36)}`;
    const failed = status === "FAILED" || status === "TIMED_OUT";
    const error =
      status === "TIMED_OUT" ? "States.Timeout" : status === "FAILED" ? FILL_ERRORS[Math.floor(random() * FILL_ERRORS.length)] : null;
    const cause = error
      ? `${error}: step ${1 + Math.floor(random() * 6)} of ${machine.name} gave up after ${1 + Math.floor(random() * 3)} attempts`
      : null;
    const customer = `cust-${Math.floor(random() * 50_000)}`;
    const amount = Math.round(random() * 100_000) / 100;
    const input = JSON.stringify({
      orderId: `ord-${i}`,
      customer,
      amount,
      currency: random() < 0.7 ? "EUR" : "USD",
      items: 1 + Math.floor(random() * 9),
      channel: random() < 0.5 ? "web" : "store",
    });
    const output =
      status === "SUCCEEDED"
        ? JSON.stringify({ orderId: `ord-${i}`, approved: true, receipt: `rcpt-${(i * 7919).toString(36)}`, totalCharged: amount })
        : null;
    const task1 = JSON.stringify({ customer, risk: Math.round(random() * 100), checkedBy: "fraud-model-v4" });
    const task2 = failed
      ? JSON.stringify({ errorMessage: cause, errorType: error })
      : JSON.stringify({ reserved: true, warehouse: `wh-${Math.floor(random() * 12)}` });
    const redriveCount = random() < 0.01 ? 1 + Math.floor(random() * 2) : 0;
    const searchText = [name, input, output, error, cause, task1, task2]
      .filter((t): t is string => !!t)
      .join("\n")
      .toLowerCase();
    yield {
      machine: machineIndex,
      version,
      name,
      executionArn: `arn:aws:states:${REGION}:${ACCOUNT}:${machine.type === "EXPRESS" ? "express" : "execution"}:${machine.name}:${name}`,
      type: machine.type,
      status,
      source,
      startMs,
      stopMs: status === "RUNNING" ? null : startMs + durationMs,
      error,
      cause,
      redriveCount,
      input,
      output,
      searchText,
    };
  }
}

export const FILL_ACCOUNT = { region: REGION, accountId: ACCOUNT };
