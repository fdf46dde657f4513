-- CreateIndex
CREATE INDEX "Execution_stateMachineId_status_startDate_idx" ON "Execution"("stateMachineId", "status", "startDate");
