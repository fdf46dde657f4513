import { userInfo } from "node:os";
import { requestIdentity, type HeaderReader } from "../auth/request-identity";

/** The actor for CLI commands: `cli:<os user>` (STATELENS_ACTOR overrides, e.g. in CI). */
export function cliActor(env: Record<string, string | undefined> = process.env): string {
  if (env.STATELENS_ACTOR?.trim()) return env.STATELENS_ACTOR.trim();
  let name = env.USER || env.USERNAME || "";
  if (!name) {
    try {
      name = userInfo().username;
    } catch {
      name = "unknown";
    }
  }
  return `cli:${name}`;
}

/** The actor of an HTTP request, as proxy.ts identified it ("anonymous" if it did not). */
export function requestActor(headers: HeaderReader): string {
  return requestIdentity(headers)?.user ?? "anonymous";
}
