import { authEnabled, readAuthConfig } from "@/lib/auth/auth-config";
import { requestIdentity } from "@/lib/auth/request-identity";
import { seeOther } from "@/lib/auth/see-other";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { clientIp } from "@/lib/audit/client-ip";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Ends the session (the cookie is dropped) and logs it; redirects to the sign-in page. */
export async function POST(request: Request) {
  const identity = requestIdentity(request.headers);
  if (identity && authEnabled(readAuthConfig())) {
    await recordAudit(db(), { actor: identity.user, action: "logout", ip: clientIp(request.headers) }).catch((error: Error) =>
      console.error(`statelens: could not write the audit log: ${error.message}`),
    );
  }
  const response = seeOther("/login");
  response.cookies.set(SESSION_COOKIE, "", { httpOnly: true, sameSite: "strict", path: "/", maxAge: 0 });
  return response;
}
