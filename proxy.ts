import { NextResponse, type NextRequest } from "next/server";
import { PUBLIC_PATHS, requiredRole, roleAllows } from "@/lib/auth/access-policy";
import { authEnabled, isLocalHostHeader, readAuthConfig, type AuthConfig } from "@/lib/auth/auth-config";
import { contentSecurityPolicy, createNonce } from "@/lib/auth/content-security-policy";
import { setIdentityHeaders, type Identity } from "@/lib/auth/request-identity";
import { GATE_HEADER, gateChecked } from "@/lib/auth/gate-stamp";
import { refusal, type RefusalKind } from "@/lib/auth/refusal";
import { crossOriginReason } from "@/lib/auth/same-origin";
import { resolveSession } from "@/lib/auth/resolve-session";
import { SESSION_COOKIE, safeEqual } from "@/lib/auth/session";
import { pathDecodes } from "@/lib/server/route-id";
import { storeSessionSource } from "@/lib/auth/store-session-source";

/**
 * Every page and API route passes here (see lib/auth/README.md):
 * 1. a nonce-based Content-Security-Policy for the response (Next.js reads the nonce from the
 *    request's CSP header and puts it on its inline scripts);
 * 2. CSRF: mutating requests must be same-origin (lib/auth/same-origin.ts);
 * 3. who: without STATELENS_TOKEN / STATELENS_USERS only requests the socket gate let through
 *    (instrumentation.ts: they arrived on a loopback address) and addressed to localhost are
 *    answered, as admin; with them, a session (checked against the store) or the bearer token;
 * 4. roles by method and path (lib/auth/access-policy.ts), 403 naming the role needed;
 * 5. the identity goes on to handlers in x-statelens-user / x-statelens-role;
 * 6. `POST /` with `X-Amz-Target: AWSStepFunctions.*` (the AWS SDKs and CLI with --endpoint-url)
 *    is the SFN-compatible API: rewritten to /api/sfn, and needs the operator role like it.
 * Refusals of SFN API calls are AWS-shaped (lib/auth/refusal.ts).
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const secured = <T extends Response>(response: T): T => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };
  const target = request.headers.get("x-amz-target") ?? "";
  const sfnCall = request.method === "POST" && request.nextUrl.pathname === "/" && /^AWSStepFunctions\./.test(target);
  const pathname = sfnCall ? "/api/sfn" : request.nextUrl.pathname;
  const isApi = pathname.startsWith("/api/") || pathname === "/api";
  const kind: RefusalKind = pathname === "/api/sfn" ? "sfn" : isApi ? "api" : "page";
  const refuse = (status: number, code: string, message: string, extra?: Record<string, unknown>) =>
    secured(refusal(kind, status, code, message, extra));
  if (!pathDecodes(pathname)) {
    const what = "an address with malformed percent-encoding: not found";
    return secured(isApi ? NextResponse.json({ error: what }, { status: 404 }) : new NextResponse(`statelens: ${what}\n`, { status: 404 }));
  }

  let config: AuthConfig;
  try {
    config = readAuthConfig();
  } catch (error) {
    return refuse(500, "InternalFailure", `statelens: ${(error as Error).message}`);
  }
  const crossOrigin = crossOriginReason(request.method, request.headers);
  if (crossOrigin)
    return refuse(
      403,
      "AccessDeniedException",
      kind === "sfn" ? `cross-origin request refused: ${crossOrigin}` : "cross-origin request refused",
      { reason: crossOrigin },
    );

  let identity: Identity | null;
  if (!authEnabled(config)) {
    if (!gateChecked(request.headers.get(GATE_HEADER))) {
      return refuse(
        503,
        "ServiceUnavailable",
        "statelens: this request arrived before the request gate (instrumentation.ts) was installed, so the address it came in on is unknown; retry in a moment (under `next dev`, start with `npm run dev` or `statelens serve --dev`, which install it first)",
      );
    }
    if (!isLocalHostHeader(request.headers.get("host"))) {
      return refuse(
        403,
        "AccessDeniedException",
        "statelens: access control is not configured (set STATELENS_TOKEN or STATELENS_USERS) so only localhost is served",
      );
    }
    identity = { user: "local", role: "admin" };
  } else {
    if (config.secret === null) {
      return refuse(
        500,
        "InternalFailure",
        "statelens: STATELENS_USERS is set without STATELENS_SECRET (start with `statelens serve`, which generates one)",
      );
    }
    identity = await identify(request, config);
    if (!identity && !PUBLIC_PATHS.includes(pathname)) {
      if (kind === "sfn") {
        return refuse(
          403,
          "UnrecognizedClientException",
          "The security token included in the request is invalid: this statelens API needs `Authorization: Bearer <STATELENS_TOKEN>` (AWS SigV4 credentials are not checked here)",
        );
      }
      if (isApi) return refuse(401, "", "authentication required");
      const login = new URL("/login", request.url);
      login.searchParams.set("next", pathname + request.nextUrl.search);
      return secured(NextResponse.redirect(login));
    }
  }

  if (identity) {
    const needed = requiredRole(request.method, pathname);
    if (!roleAllows(identity.role, needed)) {
      if (kind === "sfn") {
        const action = target.split(".")[1] || "the Step Functions API";
        return refuse(
          403,
          "AccessDeniedException",
          `User: ${identity.user} is not authorized to perform: states:${action} (this needs the ${needed} role; signed in as ${identity.role})`,
        );
      }
      return refuse(
        403,
        "AccessDeniedException",
        `forbidden: this needs the ${needed} role (signed in as ${identity.user}, ${identity.role})`,
        { requiredRole: needed, role: identity.role },
      );
    }
  }

  const headers = new Headers(request.headers);
  headers.delete(GATE_HEADER);
  setIdentityHeaders(headers, identity);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  if (sfnCall) {
    const rewritten = request.nextUrl.clone();
    rewritten.pathname = "/api/sfn";
    return secured(NextResponse.rewrite(rewritten, { request: { headers } }));
  }
  return secured(NextResponse.next({ request: { headers } }));
}

async function identify(request: NextRequest, config: AuthConfig): Promise<Identity | null> {
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (bearer && config.token && safeEqual(bearer, config.token)) return { user: "admin", role: "admin" };
  return resolveSession(request.cookies.get(SESSION_COOKIE)?.value, config, storeSessionSource);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
