import { stat } from "node:fs/promises";
import { readUsersFile, type UserRecord } from "./users-file";

const cache = new Map<string, { stamp: string; users: UserRecord[] }>();

/**
 * The users file as it is now, re-read only when its inode, size or mtime changed, so every request
 * can check that a session's user still exists with the same role. Throws when it cannot be read.
 */
export async function currentUsers(file: string): Promise<UserRecord[]> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`users file ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  const stamp = `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}`;
  const hit = cache.get(file);
  if (hit?.stamp === stamp) return hit.users;
  const users = await readUsersFile(file);
  cache.set(file, { stamp, users });
  return users;
}
