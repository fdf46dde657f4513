import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { parsePasswordHash } from "./password-hash";
import type { Role } from "./session";

/**
 * The users file (STATELENS_USERS=path.json): `[{ "user", "passwordHash", "role" }]`, roles
 * viewer (read), operator (replay, ingest, prune: every mutating API) and admin (all + audit).
 * Read on each login and checked (when changed) on every request: removing a user or changing their
 * role ends their sessions at once (lib/auth/resolve-session.ts).
 */
export interface UserRecord {
  user: string;
  passwordHash: string;
  role: Role;
}

export const ROLES = ["viewer", "operator", "admin"] as const satisfies readonly Role[];

export const userNameSchema = z
  .string()
  .min(1, "must not be empty")
  .max(100, "at most 100 characters")
  .regex(/^[A-Za-z0-9._@+-]+$/, "letters, digits and . _ @ + - only");

const userSchema = z.object({
  user: userNameSchema,
  passwordHash: z.string().superRefine((value, ctx) => {
    try {
      parsePasswordHash(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
    }
  }),
  role: z.enum(ROLES),
});

const fileSchema = z.array(userSchema).superRefine((users, ctx) => {
  const seen = new Set<string>();
  users.forEach((u, i) => {
    if (seen.has(u.user)) ctx.addIssue({ code: "custom", path: [i, "user"], message: `"${u.user}" appears twice` });
    seen.add(u.user);
  });
});

/** Validates parsed JSON; throws an Error listing each problem with its place in the file. */
export function parseUsers(value: unknown, where = "users file"): UserRecord[] {
  const parsed = fileSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.length ? `[${i.path.join("].[")}]` : "(file)"}: ${i.message}`);
  throw new Error(`${where} is not valid: ${issues.join("; ")}`);
}

export async function readUsersFile(file: string): Promise<UserRecord[]> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`users file ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`users file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return parseUsers(value, `users file ${file}`);
}

/** Like readUsersFile, but a missing file is an empty list (for `statelens user add`). */
export async function readUsersFileOrEmpty(file: string): Promise<UserRecord[]> {
  try {
    return await readUsersFile(file);
  } catch (error) {
    if (/no such file/.test((error as Error).message)) return [];
    throw error;
  }
}

/** Writes atomically (temp file + rename), readable by the owner only. */
export async function writeUsersFile(file: string, users: UserRecord[]): Promise<void> {
  const checked = parseUsers(users);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temp, `${JSON.stringify(checked, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

/** Adds a user or replaces the one with the same name; returns the new list and whether it replaced. */
export function upsertUser(users: UserRecord[], record: UserRecord): { users: UserRecord[]; replaced: boolean } {
  const index = users.findIndex((u) => u.user === record.user);
  if (index < 0) return { users: [...users, record], replaced: false };
  return { users: users.map((u, i) => (i === index ? record : u)), replaced: true };
}
