-- StateRun rows now follow the execution page's failure rule (Fail states, failures reported only
-- on ExecutionFailed, Parallel/Map runs failed inside a branch count as failed). SQL cannot
-- re-derive rows from histories: this asks lib/db/backfills.ts to do it on the next start.

-- CreateTable
CREATE TABLE "DataBackfill" (
    "name" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "DataBackfill_pkey" PRIMARY KEY ("name")
);

INSERT INTO "DataBackfill" ("name") VALUES ('state-runs-failure-rule');
