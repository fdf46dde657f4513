import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createTestDb } from "../../lib/db/test-db";

/**
 * For a test file whose tests start real processes on one test store (SQLite, or PostgreSQL under
 * `npm run test:pg`): the store is made before the tests and closed after them; every process
 * pushed to `children` is killed (SIGKILL) after its test if it still runs.
 */
export function processesOnAStore(): { store(): Awaited<ReturnType<typeof createTestDb>>; children: ChildProcess[] } {
  let store: Awaited<ReturnType<typeof createTestDb>> | undefined;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    store = await createTestDb();
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  afterAll(async () => store?.close());
  return {
    store: () => {
      if (!store) throw new Error("the test store is made in beforeAll: read it inside a test");
      return store;
    },
    children,
  };
}
