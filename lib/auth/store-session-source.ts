import { db } from "../db/client";
import { findAuthSession, revokeAuthSession } from "../db/auth-sessions";
import type { SessionSource } from "./resolve-session";
import { currentUsers } from "./users-cache";

/** The server's SessionSource: sessions in the store, users in the (cached) users file. */
export const storeSessionSource: SessionSource = {
  find: (key) => findAuthSession(db(), key),
  revoke: (key) => revokeAuthSession(db(), key),
  users: currentUsers,
};
