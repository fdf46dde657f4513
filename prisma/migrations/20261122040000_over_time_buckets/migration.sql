-- Over-time pre-aggregates (lib/db/over-time-buckets.ts keeps them current on every save and
-- prune). "" stands for no version / no error so the primary key never holds a NULL. Dates are
-- Prisma's SQLite text ("2026-11-22T10:00:00.000+00:00").

-- CreateTable
CREATE TABLE "ExecutionHourBucket" (
    "stateMachineId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "versionId" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "error" TEXT NOT NULL DEFAULT '',
    "durationBin" INTEGER NOT NULL,
    "executions" INTEGER NOT NULL DEFAULT 0,
    "redrives" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("stateMachineId", "hour", "versionId", "status", "error", "durationBin")
);

-- CreateTable
CREATE TABLE "StateHourBucket" (
    "stateMachineId" TEXT NOT NULL,
    "hour" DATETIME NOT NULL,
    "stateName" TEXT NOT NULL,
    "versionId" TEXT NOT NULL DEFAULT '',
    "error" TEXT NOT NULL DEFAULT '',
    "runs" INTEGER NOT NULL DEFAULT 0,
    "retriedRuns" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "failedRuns" INTEGER NOT NULL DEFAULT 0,
    "caughtRuns" INTEGER NOT NULL DEFAULT 0,
    "flakyRuns" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("stateMachineId", "hour", "stateName", "versionId", "error")
);

-- Backfill from the executions and state runs already stored
INSERT INTO "ExecutionHourBucket" ("stateMachineId", "hour", "versionId", "status", "error", "durationBin", "executions", "redrives")
SELECT "stateMachineId", substr("startDate", 1, 13) || ':00:00.000+00:00', coalesce("versionId", ''), "status", coalesce("error", ''),
       CASE WHEN "durationMs" IS NULL OR "status" = 'RUNNING' THEN -1 ELSE CAST(floor(log2(max("durationMs", 1)) * 8) AS INTEGER) END,
       count(*), sum("redriveCount")
FROM "Execution" WHERE "source" <> 'replay'
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "StateHourBucket" ("stateMachineId", "hour", "stateName", "versionId", "error", "runs", "retriedRuns", "retries", "failedRuns", "caughtRuns", "flakyRuns")
SELECT r."stateMachineId", substr(r."startDate", 1, 13) || ':00:00.000+00:00', r."stateName", coalesce(r."versionId", ''), coalesce(r."error", ''),
       count(*),
       sum(r."attempts" > 1),
       coalesce(sum(max(r."attempts" - 1, 0)), 0),
       sum(r."failed" AND NOT r."caught"),
       sum(r."caught"),
       sum(r."attempts" > 1 OR r."failed" OR r."caught")
FROM "StateRun" r JOIN "Execution" e ON e."id" = r."executionId"
WHERE e."source" <> 'replay'
GROUP BY 1, 2, 3, 4, 5;

-- CreateTable
CREATE TABLE "ExecutionDayBucket" (
    "stateMachineId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "versionId" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "error" TEXT NOT NULL DEFAULT '',
    "durationBin" INTEGER NOT NULL,
    "executions" INTEGER NOT NULL DEFAULT 0,
    "redrives" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("stateMachineId", "day", "versionId", "status", "error", "durationBin")
);

-- CreateTable
CREATE TABLE "StateDayBucket" (
    "stateMachineId" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "stateName" TEXT NOT NULL,
    "versionId" TEXT NOT NULL DEFAULT '',
    "error" TEXT NOT NULL DEFAULT '',
    "runs" INTEGER NOT NULL DEFAULT 0,
    "retriedRuns" INTEGER NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "failedRuns" INTEGER NOT NULL DEFAULT 0,
    "caughtRuns" INTEGER NOT NULL DEFAULT 0,
    "flakyRuns" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("stateMachineId", "day", "stateName", "versionId", "error")
);

-- Backfill the day buckets
INSERT INTO "ExecutionDayBucket" ("stateMachineId", "day", "versionId", "status", "error", "durationBin", "executions", "redrives")
SELECT "stateMachineId", substr("startDate", 1, 10) || 'T00:00:00.000+00:00', coalesce("versionId", ''), "status", coalesce("error", ''),
       CASE WHEN "durationMs" IS NULL OR "status" = 'RUNNING' THEN -1 ELSE CAST(floor(log2(max("durationMs", 1)) * 8) AS INTEGER) END,
       count(*), sum("redriveCount")
FROM "Execution" WHERE "source" <> 'replay'
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "StateDayBucket" ("stateMachineId", "day", "stateName", "versionId", "error", "runs", "retriedRuns", "retries", "failedRuns", "caughtRuns", "flakyRuns")
SELECT r."stateMachineId", substr(r."startDate", 1, 10) || 'T00:00:00.000+00:00', r."stateName", coalesce(r."versionId", ''), coalesce(r."error", ''),
       count(*),
       sum(r."attempts" > 1),
       coalesce(sum(max(r."attempts" - 1, 0)), 0),
       sum(r."failed" AND NOT r."caught"),
       sum(r."caught"),
       sum(r."attempts" > 1 OR r."failed" OR r."caught")
FROM "StateRun" r JOIN "Execution" e ON e."id" = r."executionId"
WHERE e."source" <> 'replay'
GROUP BY 1, 2, 3, 4, 5;
