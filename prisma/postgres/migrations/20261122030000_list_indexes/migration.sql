-- CreateIndex
CREATE INDEX "Execution_stateMachineId_status_startDate_idx" ON "Execution"("stateMachineId", "status", "startDate");

-- Payload search (`searchText LIKE '%term%'`) through a trigram index; pg_trgm is a trusted
-- extension (PostgreSQL 13+), so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;

-- CreateIndex
CREATE INDEX "Execution_searchText_trgm_idx" ON "Execution" USING gin ("searchText" public.gin_trgm_ops);
