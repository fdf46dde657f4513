import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../auth/password-hash";

// Runs the command in a child process, as `statelens user ...` would, with stdin piped.
const dir = mkdtempSync(path.join(os.tmpdir(), "statelens-user-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = `
import { Command } from "commander";
import { registerUser } from ${JSON.stringify(path.resolve(import.meta.dirname, "user.ts"))};
const program = new Command("statelens").exitOverride();
registerUser(program);
program.parseAsync(process.argv.slice(1), { from: "user" }).catch((e) => { if (!e.code?.startsWith?.("commander.")) console.error("statelens: " + e.message); process.exitCode = 1; });
`;

function cli(args: string[], input = ""): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, "--", ...args], {
    input,
    encoding: "utf8",
    env: { ...process.env, STATELENS_USERS: "" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("statelens user", () => {
  it("adds, updates, lists and removes users with scrypt hashes", async () => {
    const file = path.join(dir, "users.json");
    const add = cli(["user", "add", "ana", "--role", "operator", "--file", file, "--password-stdin"], "a long password\n");
    expect(add.stderr).toBe("");
    expect(add.stdout).toContain("added ana (operator)");
    const users = JSON.parse(readFileSync(file, "utf8"));
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ user: "ana", role: "operator" });
    expect(users[0].passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("a long password", users[0].passwordHash)).toBe(true);

    expect(cli(["user", "add", "ana", "--role", "admin", "--file", file, "--password-stdin"], "another password").stdout).toContain(
      "updated ana (admin)",
    );
    expect(cli(["user", "add", "vic", "--file", file, "--password-stdin"], "viewer password").stdout).toContain("added vic (viewer)");
    expect(cli(["user", "list", "--file", file]).stdout).toMatch(/ana\s+admin\nvic\s+viewer/);
    expect(cli(["user", "remove", "ana", "--file", file]).stdout).toContain("removed ana");
    expect(JSON.parse(readFileSync(file, "utf8")).map((u: { user: string }) => u.user)).toEqual(["vic"]);
  });

  it("refuses bad names, roles, short passwords and a missing terminal", () => {
    const file = path.join(dir, "other.json");
    expect(cli(["user", "add", "a b", "--file", file, "--password-stdin"], "long enough pw").stderr).toMatch(/user name "a b": letters/);
    expect(cli(["user", "add", "ana", "--role", "root", "--file", file, "--password-stdin"], "long enough pw").stderr).toMatch(
      /--role must be one of viewer, operator, admin/,
    );
    expect(cli(["user", "add", "ana", "--file", file, "--password-stdin"], "short").stderr).toMatch(/at least 10/);
    expect(cli(["user", "add", "ana", "--file", file]).stderr).toMatch(/--password-stdin/);
    expect(cli(["user", "remove", "ghost", "--file", file]).stderr).toMatch(/no such file/);
  });
});
