import { randomBytes } from "node:crypto";
import path from "node:path";
import { authEnabled, readAuthConfig } from "./auth-config";
import { readUsersFile } from "./users-file";

/**
 * Checks access control before `statelens serve` starts and returns the environment to add for the
 * server process: refuses a non-local bind without a token or users file, validates the users file
 * (absolute path, every entry well-formed), and generates a session secret when none is derivable.
 */
export async function prepareServeAuth(
  bindsLocalOnly: boolean,
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Promise<Record<string, string>> {
  const config = readAuthConfig(env);
  if (!authEnabled(config)) {
    if (bindsLocalOnly) return {};
    throw new Error(
      "refusing to bind beyond localhost without access control: set STATELENS_TOKEN (an admin token, 16+ characters) " +
        "and/or STATELENS_USERS (a users file: `statelens user add <name> --role viewer|operator|admin --file users.json`), or bind 127.0.0.1",
    );
  }
  const extra: Record<string, string> = {};
  if (config.usersFile) {
    const file = path.resolve(cwd, config.usersFile);
    const users = await readUsersFile(file);
    if (users.length === 0 && !config.token) throw new Error(`users file ${file} lists no users, so nobody could sign in`);
    extra.STATELENS_USERS = file;
  }
  if (config.secret === null) extra.STATELENS_SECRET = randomBytes(32).toString("base64url");
  return extra;
}
