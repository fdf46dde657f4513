import type { NextRequest } from "next/server";
import { authEnabled, readAuthConfig } from "@/lib/auth/auth-config";
import { requestIdentity } from "@/lib/auth/request-identity";
import { seeOther } from "@/lib/auth/see-other";
import { SESSION_COOKIE, readSessionCookie, sessionKey } from "@/lib/auth/session";
import { revokeAuthSession } from "@/lib/db/auth-sessions";
import { clientIp } from "@/lib/audit/client-ip";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Ends the session (revoked in the store, the cookie dropped) and logs it; redirects to the sign-in page. */
export async function POST(request: NextRequest) {
  const identity = requestIdentity(request.headers);
  const config = readAuthConfig();
  const id = config.secret ? await readSessionCookie(request.cookies.get(SESSION_COOKIE)?.value, config.secret) : null;
  if (id) {
    try {
      await revokeAuthSession(db(), await sessionKey(id));
    } catch (error) {
      console.error(`statelens: could not revoke the session: ${(error as Error).message}`);
      return new Response("statelens: the session could not be ended (the store failed); try again\n", { status: 503 });
    }
  }
  if (identity && authEnabled(config)) {
    await recordAudit(db(), { actor: identity.user, action: "logout", ip: clientIp(request.headers) }).catch((error: Error) =>
      console.error(`statelens: could not write the audit log: ${error.message}`),
    );
  }
  const response = seeOther("/login");
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "strict", path: "/", maxAge: 0 });
  return response;
}
