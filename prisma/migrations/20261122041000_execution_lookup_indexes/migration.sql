-- The execution page lists an execution's Map Run children and its replays; without these each
-- lookup read the whole Execution table.

-- CreateIndex
CREATE INDEX "Execution_parentExecutionArn_idx" ON "Execution"("parentExecutionArn");

-- CreateIndex
CREATE INDEX "Execution_replayOfId_idx" ON "Execution"("replayOfId");
