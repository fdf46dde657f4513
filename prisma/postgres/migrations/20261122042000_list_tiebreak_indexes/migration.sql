-- The list orders by ("startDate", "id"). With "id" in the index a machine's or a version's page
-- is read in order with no sort, so PostgreSQL's planner no longer prefers scanning the
-- ("startDate") index and filtering: for a version that only ran months ago that scan read
-- 550,000 rows (860 ms) at 1M executions.

-- DropIndex
DROP INDEX "Execution_stateMachineId_startDate_idx";

-- DropIndex
DROP INDEX "Execution_versionId_startDate_idx";

-- CreateIndex
CREATE INDEX "Execution_stateMachineId_startDate_id_idx" ON "Execution"("stateMachineId", "startDate", "id");

-- CreateIndex
CREATE INDEX "Execution_versionId_startDate_id_idx" ON "Execution"("versionId", "startDate", "id");
