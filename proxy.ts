import { NextResponse, type NextRequest } from "next/server";
import { PUBLIC_PATHS, requiredRole, roleAllows } from "@/lib/auth/access-policy";
import { authEnabled, isLocalHostHeader, readAuthConfig, type AuthConfig } from "@/lib/auth/auth-config";
import { contentSecurityPolicy, createNonce } from "@/lib/auth/content-security-policy";
import { setIdentityHeaders, type Identity } from "@/lib/auth/request-identity";
import { crossOriginReason } from "@/lib/auth/same-origin";
import { SESSION_COOKIE, safeEqual, verifySession } from "@/lib/auth/session";
import { pathDecodes } from "@/lib/server/route-id";

/**
 * Every page and API route passes here (see lib/auth/README.md):
 * 1. a nonce-based Content-Security-Policy for the response (Next.js reads the nonce from the
 *    request's CSP header and puts it on its inline scripts);
 * 2. CSRF: mutating requests must be same-origin (lib/auth/same-origin.ts);
 * 3. who: without STATELENS_TOKEN / STATELENS_USERS only requests addressed to localhost are
 *    answered, as admin; with them, a signed session cookie or the bearer token is required;
 * 4. roles by method and path (lib/auth/access-policy.ts), 403 naming the role needed;
 * 5. the identity goes on to handlers in x-statelens-user / x-statelens-role;
 * 6. `POST /` with `X-Amz-Target: AWSStepFunctions.*` (the AWS SDKs and CLI with --endpoint-url)
 *    is the SFN-compatible API: rewritten to /api/sfn, and needs the operator role like it.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const secured = <T extends Response>(response: T): T => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };
  const sfnCall = request.method === "POST" && request.nextUrl.pathname === "/" && /^AWSStepFunctions\./.test(request.headers.get("x-amz-target") ?? "");
  const pathname = sfnCall ? "/api/sfn" : request.nextUrl.pathname;
  const isApi = pathname.startsWith("/api/") || pathname === "/api";
  if (!pathDecodes(pathname)) {
    const what = "an address with malformed percent-encoding: not found";
    return secured(isApi ? NextResponse.json({ error: what }, { status: 404 }) : new NextResponse(`statelens: ${what}\n`, { status: 404 }));
  }

  let config: AuthConfig;
  try {
    config = readAuthConfig();
  } catch (error) {
    return secured(new NextResponse(`statelens: ${(error as Error).message}\n`, { status: 500 }));
  }
  const crossOrigin = crossOriginReason(request.method, request.headers);
  if (crossOrigin) return secured(NextResponse.json({ error: "cross-origin request refused", reason: crossOrigin }, { status: 403 }));

  let identity: Identity | null;
  if (!authEnabled(config)) {
    if (!isLocalHostHeader(request.headers.get("host"))) {
      return secured(new NextResponse("statelens: access control is not configured (set STATELENS_TOKEN or STATELENS_USERS) so only localhost is served\n", { status: 403 }));
    }
    identity = { user: "local", role: "admin" };
  } else {
    if (config.secret === null) {
      return secured(new NextResponse("statelens: STATELENS_USERS is set without STATELENS_SECRET (start with `statelens serve`, which generates one)\n", { status: 500 }));
    }
    identity = await identify(request, config, config.secret);
    if (!identity && !PUBLIC_PATHS.includes(pathname)) {
      if (isApi) return secured(NextResponse.json({ error: "authentication required" }, { status: 401 }));
      const login = new URL("/login", request.url);
      login.searchParams.set("next", pathname + request.nextUrl.search);
      return secured(NextResponse.redirect(login));
    }
  }

  if (identity) {
    const needed = requiredRole(request.method, pathname);
    if (!roleAllows(identity.role, needed)) {
      const error = `forbidden: this needs the ${needed} role (signed in as ${identity.user}, ${identity.role})`;
      return secured(isApi ? NextResponse.json({ error, requiredRole: needed, role: identity.role }, { status: 403 }) : new NextResponse(`${error}\n`, { status: 403 }));
    }
  }

  const headers = new Headers(request.headers);
  setIdentityHeaders(headers, identity);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  if (sfnCall) {
    const target = request.nextUrl.clone();
    target.pathname = "/api/sfn";
    return secured(NextResponse.rewrite(target, { request: { headers } }));
  }
  return secured(NextResponse.next({ request: { headers } }));
}

async function identify(request: NextRequest, config: AuthConfig, secret: string): Promise<Identity | null> {
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (bearer && config.token && safeEqual(bearer, config.token)) return { user: "admin", role: "admin" };
  const session = await verifySession(request.cookies.get(SESSION_COOKIE)?.value, secret);
  return session ? { user: session.user, role: session.role } : null;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
