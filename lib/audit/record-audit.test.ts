import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../db/test-db";
import { cliActor, requestActor } from "./audit-actor";
import { clientIp, lastHop } from "./client-ip";
import { auditFacets, auditQuerySchema, listAuditLog } from "../db/audit-log";
import { recordAudit } from "./record-audit";

// SQLite by default; PostgreSQL when STATELENS_TEST_DATABASE is set (npm run test:pg).
let test: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  test = await createTestDb();
});
afterAll(async () => {
  await test.close();
});

const q = (raw: Record<string, unknown>) => auditQuerySchema.parse(raw);

describe("audit log", () => {
  it("records entries and lists them newest first with filters and pages", async () => {
    const db = test.db;
    const base = Date.UTC(2026, 10, 22, 9, 0, 0);
    for (let i = 0; i < 7; i++) {
      await recordAudit(db, {
        actor: i % 2 ? "ana" : "bo",
        action: i % 3 ? "replay" : "login",
        target: `exec-${i}`,
        details: { i },
        ip: "10.0.0.1",
        at: new Date(base + i * 1000),
      });
    }
    const all = await listAuditLog(db, q({}));
    expect(all.rows.map((r) => r.target)).toEqual(["exec-6", "exec-5", "exec-4", "exec-3", "exec-2", "exec-1", "exec-0"]);
    expect(all.nextBefore).toBeNull();
    expect(JSON.parse(all.rows[0].details!)).toEqual({ i: 6 });
    expect(all.rows[0].at.getTime()).toBe(base + 6000);

    const first = await listAuditLog(db, q({ limit: "3" }));
    expect(first.rows.map((r) => r.target)).toEqual(["exec-6", "exec-5", "exec-4"]);
    const second = await listAuditLog(db, q({ limit: "3", before: String(first.nextBefore) }));
    expect(second.rows.map((r) => r.target)).toEqual(["exec-3", "exec-2", "exec-1"]);
    const third = await listAuditLog(db, q({ limit: "3", before: String(second.nextBefore) }));
    expect(third.rows.map((r) => r.target)).toEqual(["exec-0"]);
    expect(third.nextBefore).toBeNull();

    expect((await listAuditLog(db, q({ action: "login" }))).rows.map((r) => r.target)).toEqual(["exec-6", "exec-3", "exec-0"]);
    expect((await listAuditLog(db, q({ actor: "ana", action: "replay" }))).rows.map((r) => r.target)).toEqual(["exec-5", "exec-1"]);
    expect(await auditFacets(db)).toEqual({ actions: ["login", "replay"], actors: ["bo", "ana"] });
  });

  it("refuses malformed entries and clips oversized ones", async () => {
    await expect(recordAudit(test.db, { actor: "ana", action: "Drop Table" })).rejects.toThrow(/action/);
    await expect(recordAudit(test.db, { actor: "  ", action: "login" })).rejects.toThrow(/actor/);
    const id = await recordAudit(test.db, {
      actor: "x".repeat(500),
      action: "ingest",
      target: "t".repeat(5000),
      details: { blob: "b".repeat(40_000) },
    });
    const row = await test.db.auditLog.findUniqueOrThrow({ where: { id } });
    expect(row.actor.length).toBe(200);
    expect(row.target!.length).toBe(1000);
    expect(row.details!.length).toBeLessThanOrEqual(16_100);
    expect(JSON.parse(row.details!)).toMatchObject({ truncated: true, length: 40_011 });
  });

  it("validates list queries with clear messages", () => {
    expect(auditQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(auditQuerySchema.safeParse({ before: "abc" }).success).toBe(false);
    const bad = auditQuerySchema.safeParse({ action: "<script>" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/lower-case/);
    expect(auditQuerySchema.parse({}).limit).toBe(50);
  });

  it("names actors and client addresses", () => {
    expect(cliActor({ USER: "ana" })).toBe("cli:ana");
    expect(cliActor({ USER: "ana", STATELENS_ACTOR: "ci-nightly" })).toBe("ci-nightly");
    expect(requestActor(new Headers({ "x-statelens-user": "b%C3%B8", "x-statelens-role": "viewer" }))).toBe("bø");
    expect(requestActor(new Headers({ "x-statelens-user": "bo", "x-statelens-role": "root" }))).toBe("anonymous");
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9,10.0.0.1" }))).toBe("203.0.113.9, 10.0.0.1");
    expect(lastHop("203.0.113.9, 10.0.0.1")).toBe("10.0.0.1");
    expect(lastHop(null)).toBeNull();
    expect(clientIp(new Headers({ "x-real-ip": "::1" }))).toBe("::1");
    expect(clientIp(new Headers())).toBeNull();
  });
});
