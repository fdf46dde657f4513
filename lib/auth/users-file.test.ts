import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "./password-hash";
import { parseUsers, readUsersFile, readUsersFileOrEmpty, upsertUser, writeUsersFile } from "./users-file";

const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-users-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("users file", () => {
  it("round-trips through disk, owner-readable only", async () => {
    const file = path.join(dir, "users.json");
    expect(await readUsersFileOrEmpty(file)).toEqual([]);
    const hash = await hashPassword("pw", { N: 1024, r: 8, p: 1 });
    const { users } = upsertUser([], { user: "ana", role: "operator", passwordHash: hash });
    await writeUsersFile(file, users);
    expect(await readUsersFile(file)).toEqual([{ user: "ana", role: "operator", passwordHash: hash }]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = upsertUser(users, { user: "ana", role: "admin", passwordHash: hash });
    expect(again.replaced).toBe(true);
    expect(again.users).toHaveLength(1);
    expect(JSON.parse(readFileSync(file, "utf8"))[0].role).toBe("operator");
  });

  it("names each problem with its place", async () => {
    const hash = await hashPassword("pw", { N: 1024, r: 8, p: 1 });
    expect(() => parseUsers({})).toThrow(/expected array/);
    expect(() => parseUsers([{ user: "a b", role: "viewer", passwordHash: hash }])).toThrow(/\[0\]\.\[user\]: letters, digits/);
    expect(() => parseUsers([{ user: "a", role: "root", passwordHash: hash }])).toThrow(/\[0\]\.\[role\]/);
    expect(() => parseUsers([{ user: "a", role: "viewer", passwordHash: "md5$x" }])).toThrow(/\[0\]\.\[passwordHash\]: expected scrypt/);
    expect(() =>
      parseUsers([
        { user: "a", role: "viewer", passwordHash: hash },
        { user: "a", role: "admin", passwordHash: hash },
      ]),
    ).toThrow(/\[1\]\.\[user\]: "a" appears twice/);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "[{");
    await expect(readUsersFile(bad)).rejects.toThrow(/not valid JSON/);
    await expect(readUsersFile(path.join(dir, "missing.json"))).rejects.toThrow(/no such file/);
    await expect(readUsersFileOrEmpty(bad)).rejects.toThrow(/not valid JSON/);
  });
});
