-- CreateTable
CREATE TABLE "StateMachine" (
    "id" TEXT NOT NULL,
    "arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'STANDARD',
    "region" TEXT,
    "accountId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StateMachine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StateMachineVersion" (
    "id" TEXT NOT NULL,
    "stateMachineId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "versionArn" TEXT,
    "revisionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StateMachineVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Execution" (
    "id" TEXT NOT NULL,
    "executionArn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "stateMachineId" TEXT NOT NULL,
    "versionId" TEXT,
    "type" TEXT NOT NULL DEFAULT 'STANDARD',
    "status" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "stopDate" TIMESTAMP(3),
    "durationMs" INTEGER,
    "input" TEXT,
    "output" TEXT,
    "error" TEXT,
    "cause" TEXT,
    "redriveCount" INTEGER NOT NULL DEFAULT 0,
    "source" TEXT NOT NULL,
    "region" TEXT,
    "accountId" TEXT,
    "incomplete" TEXT,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "parentExecutionArn" TEXT,
    "mapRunArn" TEXT,
    "replayOfId" TEXT,
    "replayCheckpoint" TEXT,
    "replayEdits" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Execution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HistoryEvent" (
    "id" SERIAL NOT NULL,
    "executionId" TEXT NOT NULL,
    "eventId" INTEGER NOT NULL,
    "previousEventId" INTEGER NOT NULL,
    "timestamp" TIMESTAMP(3) NOT NULL,
    "type" TEXT NOT NULL,
    "stateName" TEXT,
    "details" TEXT,
    CONSTRAINT "HistoryEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StateRun" (
    "id" SERIAL NOT NULL,
    "executionId" TEXT NOT NULL,
    "stateMachineId" TEXT NOT NULL,
    "versionId" TEXT,
    "stateName" TEXT NOT NULL,
    "stateType" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "failed" BOOLEAN NOT NULL DEFAULT false,
    "caught" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    CONSTRAINT "StateRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "StateMachine_arn_key" ON "StateMachine"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "StateMachineVersion_stateMachineId_hash_key" ON "StateMachineVersion"("stateMachineId", "hash");

-- CreateIndex
CREATE UNIQUE INDEX "StateMachineVersion_stateMachineId_number_key" ON "StateMachineVersion"("stateMachineId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Execution_executionArn_key" ON "Execution"("executionArn");

-- CreateIndex
CREATE INDEX "Execution_startDate_idx" ON "Execution"("startDate");

-- CreateIndex
CREATE INDEX "Execution_stateMachineId_startDate_idx" ON "Execution"("stateMachineId", "startDate");

-- CreateIndex
CREATE INDEX "Execution_status_startDate_idx" ON "Execution"("status", "startDate");

-- CreateIndex
CREATE INDEX "Execution_source_startDate_idx" ON "Execution"("source", "startDate");

-- CreateIndex
CREATE INDEX "Execution_error_startDate_idx" ON "Execution"("error", "startDate");

-- CreateIndex
CREATE INDEX "Execution_versionId_startDate_idx" ON "Execution"("versionId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "HistoryEvent_executionId_eventId_key" ON "HistoryEvent"("executionId", "eventId");

-- CreateIndex
CREATE INDEX "StateRun_executionId_idx" ON "StateRun"("executionId");

-- CreateIndex
CREATE INDEX "StateRun_stateMachineId_startDate_idx" ON "StateRun"("stateMachineId", "startDate");


-- AddForeignKey
ALTER TABLE "StateMachineVersion" ADD CONSTRAINT "StateMachineVersion_stateMachineId_fkey" FOREIGN KEY ("stateMachineId") REFERENCES "StateMachine" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_stateMachineId_fkey" FOREIGN KEY ("stateMachineId") REFERENCES "StateMachine" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "StateMachineVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_replayOfId_fkey" FOREIGN KEY ("replayOfId") REFERENCES "Execution" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HistoryEvent" ADD CONSTRAINT "HistoryEvent_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StateRun" ADD CONSTRAINT "StateRun_executionId_fkey" FOREIGN KEY ("executionId") REFERENCES "Execution" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
