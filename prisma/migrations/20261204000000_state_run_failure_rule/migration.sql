-- StateRun rows now follow the execution page's failure rule (Fail states, failures reported only
-- on ExecutionFailed, Parallel/Map runs failed inside a branch count as failed). SQL cannot
-- re-derive rows from histories: this asks lib/db/backfills.ts to do it on the next start.

-- CreateTable
CREATE TABLE "DataBackfill" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" DATETIME
);

INSERT INTO "DataBackfill" ("name") VALUES ('state-runs-failure-rule');
