/**
 * The SQL that generates the PostgreSQL scale store, all server-side (generate_series), one chunk
 * of executions at a time. Every choice is a deterministic hash of the execution number g
 * (`bench_u(g, salt)` in [0, 1)), so a refill produces the same rows.
 *
 * Mix: six state machines (25/20/18/15/12/10 % of executions), three definition versions over
 * time (v1 first 45 %, v2 to 80 %, v3 after), 92 % SUCCEEDED, 5 % FAILED, 2 % TIMED_OUT, 1 %
 * ABORTED, the newest 200 RUNNING; ten states per machine (8 Task, a Choice, a Pass); Task retries
 * (18 % of runs retry, a third of those twice ...; OrderPipeline v3 ChargeCard retries 50 %); 3 %
 * of the second state's runs fail and are caught; a failed execution stops at its failing state.
 * Each state's events are the AWS ones: StateEntered, (TaskScheduled, TaskStarted,
 * TaskSucceeded|TaskFailed) per attempt, StateExited; ~50 events per execution.
 */

export const MACHINES: { name: string; share: number; states: string[] }[] = [
  {
    name: "OrderPipeline",
    share: 0.25,
    states: [
      "ValidateOrder",
      "ReserveInventory",
      "ChargeCard",
      "CheckFraud",
      "RouteOrder",
      "CreateShipment",
      "NotifyCustomer",
      "UpdateLedger",
      "EmitMetrics",
      "Done",
    ],
  },
  {
    name: "PaymentFlow",
    share: 0.2,
    states: [
      "LoadAccount",
      "ScreenSanctions",
      "AuthorizePayment",
      "CapturePayment",
      "PickRail",
      "PostTransfer",
      "SendReceipt",
      "Reconcile",
      "ArchivePayment",
      "Finish",
    ],
  },
  {
    name: "ShipmentTracker",
    share: 0.18,
    states: [
      "FetchCarrier",
      "PollStatus",
      "ParseEvents",
      "UpdateEta",
      "IsDelivered",
      "NotifyRecipient",
      "StoreProof",
      "CloseTicket",
      "PublishEvent",
      "Stop",
    ],
  },
  {
    name: "RefundProcessor",
    share: 0.15,
    states: [
      "LoadOrder",
      "CheckPolicy",
      "ComputeRefund",
      "ReverseCharge",
      "NeedsReview",
      "RestockItems",
      "EmailCustomer",
      "BookCredit",
      "AuditRefund",
      "End",
    ],
  },
  {
    name: "InventorySync",
    share: 0.12,
    states: [
      "ListWarehouses",
      "PullCounts",
      "DiffCounts",
      "ApplyAdjustments",
      "AnyConflicts",
      "ResolveConflicts",
      "PushCatalog",
      "InvalidateCache",
      "ReportSync",
      "Complete",
    ],
  },
  {
    name: "NightlyReport",
    share: 0.1,
    states: [
      "QueryOrders",
      "AggregateSales",
      "RenderCharts",
      "BuildPdf",
      "ShouldEmail",
      "UploadReport",
      "MailFinance",
      "UpdateIndex",
      "CleanupTemp",
      "Exit",
    ],
  },
];

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const FAILURE_ERRORS = ["States.TaskFailed", "Lambda.ServiceException", "PaymentDeclined", "InventoryUnavailable", "Lambda.Unknown"];

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (items: string[]) => `ARRAY[${items.map(sqlText).join(",")}]`;

export function machineId(m: number): string {
  return `sm-${MACHINES[m - 1].name.toLowerCase()}`;
}

export function versionId(m: number, v: number): string {
  return `smv-${MACHINES[m - 1].name.toLowerCase()}-${v}`;
}

export function definitionOf(m: number, v: number): string {
  const states: Record<string, unknown> = {};
  const names = MACHINES[m - 1].states;
  names.forEach((name, i) => {
    const next = names[i + 1];
    if (i === 4) states[name] = { Type: "Choice", Choices: [{ Variable: "$.express", BooleanEquals: true, Next: next }], Default: next };
    else if (i === 9) states[name] = { Type: "Pass", End: true };
    else
      states[name] = {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: `${name}-v${v}`, "Payload.$": "$" },
        Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], MaxAttempts: 3 }],
        ...(i === 1 ? { Catch: [{ ErrorEquals: ["ValidationError"], Next: next }] } : {}),
        Next: next,
      };
  });
  return JSON.stringify({ Comment: `${MACHINES[m - 1].name} v${v}`, StartAt: names[0], States: states });
}

/** The hash helper the generator's SQL uses. */
export const HELPER_SQL = `CREATE OR REPLACE FUNCTION bench_u(g bigint, salt int) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (hashint8(g * 1000 + salt)::float8 + 2147483648) / 4294967296 $$`;

export function referenceRowsSql(): string[] {
  const machines = MACHINES.map(
    (m, i) =>
      `(${sqlText(machineId(i + 1))}, ${sqlText(`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${m.name}`)}, ${sqlText(m.name)}, ${sqlText(REGION)}, ${sqlText(ACCOUNT)})`,
  );
  const versions: string[] = [];
  MACHINES.forEach((_, i) => {
    for (let v = 1; v <= 3; v++) {
      const def = definitionOf(i + 1, v);
      versions.push(
        `(${sqlText(versionId(i + 1, v))}, ${sqlText(machineId(i + 1))}, md5(${sqlText(def)}), ${v}, ${sqlText(def)}, now() - interval '${(3 - v) * 30 + 95} days')`,
      );
    }
  });
  return [
    `INSERT INTO "StateMachine" (id, arn, name, region, "accountId") VALUES ${machines.join(", ")}`,
    `INSERT INTO "StateMachineVersion" (id, "stateMachineId", hash, number, definition, "createdAt") VALUES ${versions.join(", ")}`,
  ];
}

export interface ChunkParams {
  lo: number;
  hi: number;
  n: number;
  endMs: number;
  spanMs: number;
}

/** Statements filling executions lo..hi (1-based) with their state runs and history events. */
export function chunkSql({ lo, hi, n, endMs, spanMs }: ChunkParams): string[] {
  const shares = MACHINES.map((m) => m.share);
  let acc = 0;
  const machineCase = `CASE ${shares
    .slice(0, -1)
    .map((s, i) => `WHEN um < ${(acc += s).toFixed(4)} THEN ${i + 1}`)
    .join(" ")} ELSE ${shares.length} END`;
  const stateNames = `(ARRAY[${MACHINES.map((m) => sqlArray(m.states)).join(",")}])`;
  const machineNames = sqlArray(MACHINES.map((m) => m.name));
  const errors = sqlArray(FAILURE_ERRORS);
  return [
    `DROP TABLE IF EXISTS fill_ex, fill_plan`,
    // one row per execution: machine, start, version, status, the state it stops at
    `CREATE TEMP TABLE fill_ex AS
     SELECT g, m, start_at, ver, status,
            CASE WHEN status = 'SUCCEEDED' THEN NULL
                 WHEN m = 1 AND status = 'FAILED' AND uf < 0.5 THEN 3
                 ELSE (ARRAY[1,2,3,4,6,7,8,9])[1 + floor(uf2 * 8)::int] END AS stop_state,
            CASE WHEN status = 'FAILED' THEN CASE WHEN m = 1 AND uf < 0.5 THEN 'PaymentDeclined' ELSE (${errors})[1 + floor(ue * ${FAILURE_ERRORS.length})::int] END
                 WHEN status = 'TIMED_OUT' THEN 'States.Timeout' END AS error,
            substr(md5('n' || g), 1, 8) || '-' || substr(md5('n' || g), 9, 4) || '-' || substr(md5('n' || g), 13, 4) || '-' || substr(md5('n' || g), 17, 4) || '-' || substr(md5('n' || g), 21, 12) AS name,
            (${machineNames})[m] AS machine_name
     FROM (
       SELECT g, ${machineCase} AS m,
              to_timestamp((${endMs}::float8 - ${spanMs}::float8 + (g - 1 + bench_u(g, 2) * 0.9) * ${spanMs / n}) / 1000) AT TIME ZONE 'UTC' AS start_at,
              CASE WHEN g <= ${Math.floor(n * 0.45)} THEN 1 WHEN g <= ${Math.floor(n * 0.8)} THEN 2 ELSE 3 END AS ver,
              CASE WHEN g > ${n - 200} THEN 'RUNNING' WHEN us < 0.05 THEN 'FAILED' WHEN us < 0.07 THEN 'TIMED_OUT' WHEN us < 0.08 THEN 'ABORTED' ELSE 'SUCCEEDED' END AS status,
              uf, uf2, ue
       FROM (SELECT g, bench_u(g, 1) AS um, bench_u(g, 3) AS us, bench_u(g, 4) AS uf, bench_u(g, 5) AS uf2, bench_u(g, 6) AS ue FROM generate_series(${lo}, ${hi}) g) u
     ) x`,
    // one row per state entered, with its attempts, outcome, event count and duration
    `CREATE TEMP TABLE fill_plan AS
     SELECT *, (sum(n_ev) OVER w - n_ev)::int AS ev_before, (sum(dur) OVER w - dur)::bigint AS ms_before
     FROM (
       SELECT g, m, s, start_at, ver, status, stype, attempts, mode, (${stateNames})[m][s] AS state_name,
              CASE WHEN stype <> 'Task' THEN 2 WHEN mode IN ('ok', 'caught') THEN 2 + 3 * attempts WHEN mode = 'fail' THEN 1 + 3 * attempts ELSE 3 * attempts END AS n_ev,
              CASE WHEN stype <> 'Task' THEN 1
                   WHEN mode = 'stop' AND status = 'TIMED_OUT' THEN 300000
                   ELSE round(20 * exp(4 * bench_u(g, 50 + s)))::int + (attempts - 1) * 1000 END AS dur,
              CASE WHEN mode = 'fail' THEN error WHEN mode = 'caught' THEN 'ValidationError' END AS run_error
       FROM (
         SELECT e.*, s, CASE s WHEN 5 THEN 'Choice' WHEN 10 THEN 'Pass' ELSE 'Task' END AS stype,
                CASE WHEN s = 5 OR s = 10 THEN 1
                     ELSE 1 + (ua < p)::int + (ua < p / 3)::int + (ua < p / 10)::int END AS attempts,
                CASE WHEN s = e.stop_state AND e.status = 'FAILED' THEN 'fail'
                     WHEN s = e.stop_state THEN 'stop'
                     WHEN s = 2 AND bench_u(e.g, 30) < 0.03 THEN 'caught'
                     ELSE 'ok' END AS mode
         FROM fill_ex e
         CROSS JOIN LATERAL generate_series(1, coalesce(e.stop_state, 10)) s
         CROSS JOIN LATERAL (SELECT bench_u(e.g, 10 + s) AS ua, CASE WHEN e.m = 1 AND s = 3 AND e.ver = 3 THEN 0.5 ELSE 0.18 END AS p) r
       ) a
     ) b
     WINDOW w AS (PARTITION BY g ORDER BY s)`,
    `INSERT INTO "Execution" (id, "executionArn", name, "stateMachineId", "versionId", type, status, "startDate", "stopDate", "durationMs",
        input, output, error, cause, "redriveCount", source, region, "accountId", "eventCount", "searchText", "updatedAt")
     SELECT id, 'arn:aws:states:${REGION}:${ACCOUNT}:execution:' || machine_name || ':' || name, name,
            'sm-' || lower(machine_name), 'smv-' || lower(machine_name) || '-' || ver, 'STANDARD', status, start_at,
            CASE WHEN status <> 'RUNNING' THEN start_at + make_interval(secs => duration / 1000.0) END,
            CASE WHEN status <> 'RUNNING' THEN duration END,
            input, output, error, cause, redrives, source, '${REGION}', '${ACCOUNT}', events,
            lower(name || E'\\n' || input || coalesce(E'\\n' || output, '') || coalesce(E'\\n' || error, '') || coalesce(E'\\n' || cause, '')),
            start_at
     FROM (
       SELECT e.*, 'cx' || lpad(to_hex(e.g), 8, '0') || substr(md5('i' || e.g), 1, 15) AS id,
              p.events, p.duration,
              '{"orderId":"ord-' || e.g || '","customer":"cust-' || (hashint8(e.g) & 65535) || '","amount":' || round((bench_u(e.g, 7) * 900 + 5)::numeric, 2)
                || ',"currency":"EUR","items":[{"sku":"sku-' || (e.g % 5000) || '","qty":' || (1 + e.g % 4) || '}],"channel":"' || (ARRAY['web','ios','android','partner'])[1 + (e.g % 4)::int] || '"}' AS input,
              CASE WHEN e.status = 'SUCCEEDED' THEN '{"orderId":"ord-' || e.g || '","state":"complete","shipmentId":"shp-' || to_hex(e.g * 7) || '"}' END AS output,
              CASE WHEN e.status IN ('FAILED', 'TIMED_OUT') THEN '{"errorMessage":"' || e.error || ' in ' || (${stateNames})[e.m][e.stop_state] || ' for ord-' || e.g || '"}' END AS cause,
              CASE WHEN e.status = 'FAILED' AND bench_u(e.g, 8) < 0.2 THEN 1 ELSE 0 END AS redrives,
              CASE WHEN bench_u(e.g, 9) < 0.8 THEN 'aws' WHEN bench_u(e.g, 9) < 0.92 THEN 'logs' WHEN bench_u(e.g, 9) < 0.97 THEN 'file' ELSE 'local' END AS source
       FROM fill_ex e
       JOIN (SELECT g, (sum(n_ev) + 1 + CASE WHEN min(status) = 'RUNNING' THEN 0 ELSE 1 END)::int AS events, (sum(dur) + 5)::int AS duration FROM fill_plan GROUP BY g) p USING (g)
     ) x`,
    `INSERT INTO "StateRun" (id, "executionId", "stateMachineId", "versionId", "stateName", "stateType", "startDate", "durationMs", attempts, failed, caught, error)
     SELECT g * 16 + s, 'cx' || lpad(to_hex(g), 8, '0') || substr(md5('i' || g), 1, 15), 'sm-' || lower((${machineNames})[m]), 'smv-' || lower((${machineNames})[m]) || '-' || ver,
            state_name, stype, start_at + make_interval(secs => (ms_before + 2) / 1000.0),
            CASE WHEN mode = 'stop' THEN NULL ELSE dur END, attempts, mode IN ('fail', 'caught'), mode = 'caught', run_error
     FROM fill_plan`,
    // history: ExecutionStarted, every state's events, the closing event
    `INSERT INTO "HistoryEvent" (id, "executionId", "eventId", "previousEventId", timestamp, type, "stateName", details)
     SELECT g * 200 + 1, id, 1, 0, "startDate", 'ExecutionStarted', NULL,
            '{"input":' || to_json(input)::text || ',"inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::${ACCOUNT}:role/statelens-demo"}'
     FROM (SELECT g, 'cx' || lpad(to_hex(g), 8, '0') || substr(md5('i' || g), 1, 15) AS id FROM fill_ex) e JOIN "Execution" x USING (id)`,
    `INSERT INTO "HistoryEvent" (id, "executionId", "eventId", "previousEventId", timestamp, type, "stateName", details)
     SELECT g * 200 + ev, 'cx' || lpad(to_hex(g), 8, '0') || substr(md5('i' || g), 1, 15), ev, ev - 1,
            start_at + make_interval(secs => (ms_before + 2 + (k - 1) * dur / n_ev) / 1000.0),
            CASE WHEN k = 1 THEN stype || 'StateEntered'
                 WHEN stype <> 'Task' OR k = 2 + 3 * attempts THEN stype || 'StateExited'
                 WHEN r = 0 THEN 'TaskScheduled' WHEN r = 1 THEN 'TaskStarted'
                 WHEN j < attempts - 1 OR mode IN ('fail', 'caught') THEN 'TaskFailed' ELSE 'TaskSucceeded' END,
            state_name,
            CASE WHEN k = 1 THEN '{"name":"' || state_name || '","input":"{\\"orderId\\":\\"ord-' || g || '\\"}","inputDetails":{"truncated":false}}'
                 WHEN stype <> 'Task' OR k = 2 + 3 * attempts THEN '{"name":"' || state_name || '","output":"{\\"orderId\\":\\"ord-' || g || '\\",\\"' || lower(state_name) || '\\":\\"ok\\"}","outputDetails":{"truncated":false}}'
                 WHEN r = 0 THEN '{"resourceType":"lambda","resource":"invoke","region":"${REGION}","parameters":"{\\"FunctionName\\":\\"' || state_name || '-v' || ver || '\\",\\"Payload\\":{\\"orderId\\":\\"ord-' || g || '\\"}}"}'
                 WHEN r = 1 THEN '{"resourceType":"lambda","resource":"invoke"}'
                 WHEN j < attempts - 1 THEN '{"resourceType":"lambda","resource":"invoke","error":"Lambda.TooManyRequestsException","cause":"Rate exceeded"}'
                 WHEN mode IN ('fail', 'caught') THEN '{"resourceType":"lambda","resource":"invoke","error":"' || run_error || '","cause":"' || run_error || ' for ord-' || g || '"}'
                 ELSE '{"resourceType":"lambda","resource":"invoke","output":"{\\"StatusCode\\":200,\\"Payload\\":{\\"orderId\\":\\"ord-' || g || '\\"}}","outputDetails":{"truncated":false}}' END
     FROM (SELECT p.*, k, 2 + ev_before + k - 1 AS ev, (k - 2) / 3 AS j, (k - 2) % 3 AS r FROM fill_plan p CROSS JOIN LATERAL generate_series(1, n_ev) k) x`,
    `INSERT INTO "HistoryEvent" (id, "executionId", "eventId", "previousEventId", timestamp, type, "stateName", details)
     SELECT e.g * 200 + x."eventCount", x.id, x."eventCount", x."eventCount" - 1, x."stopDate",
            CASE x.status WHEN 'SUCCEEDED' THEN 'ExecutionSucceeded' WHEN 'FAILED' THEN 'ExecutionFailed' WHEN 'TIMED_OUT' THEN 'ExecutionTimedOut' ELSE 'ExecutionAborted' END, NULL,
            CASE x.status WHEN 'SUCCEEDED' THEN '{"output":' || to_json(x.output)::text || ',"outputDetails":{"truncated":false}}'
                          WHEN 'ABORTED' THEN '{"error":"States.Aborted","cause":"Stopped by an operator"}'
                          ELSE '{"error":"' || x.error || '","cause":' || to_json(x.cause)::text || '}' END
     FROM (SELECT g, 'cx' || lpad(to_hex(g), 8, '0') || substr(md5('i' || g), 1, 15) AS id FROM fill_ex) e JOIN "Execution" x USING (id)
     WHERE x.status <> 'RUNNING'`,
  ];
}
