-- Failure groups (/failures): every failed or timed-out execution carries the signature that groups
-- it (failing state, error, normalized cause). SQL cannot derive it from the stored history: the
-- DataBackfill row asks lib/db/backfills.ts to fill existing rows on the next start.

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN "failureKey" TEXT;
ALTER TABLE "Execution" ADD COLUMN "failureState" TEXT;
ALTER TABLE "Execution" ADD COLUMN "failureError" TEXT;
ALTER TABLE "Execution" ADD COLUMN "failureCause" TEXT;

-- CreateIndex
CREATE INDEX "Execution_failureKey_startDate_idx" ON "Execution"("failureKey", "startDate");

INSERT INTO "DataBackfill" ("name") VALUES ('failure-signatures');
