-- The local engine's durable state (state machines, versions, aliases, tags, activities, executions):
-- see EngineRecord in schema.prisma.

-- CreateTable
CREATE TABLE "EngineRecord" (
    "scope" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EngineRecord_pkey" PRIMARY KEY ("scope","kind","key")
);
