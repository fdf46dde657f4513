import { NextResponse, type NextRequest } from "next/server";
import { authEnabled, isLocalHostHeader, readAuthConfig } from "@/lib/auth/auth-config";
import { SESSION_COOKIE, safeEqual, verifySession } from "@/lib/auth/session";

const PUBLIC = ["/login", "/api/auth/login"];

/**
 * Every page and API route passes here. Without STATELENS_TOKEN only requests to localhost are
 * answered (the server is bound to 127.0.0.1 then); with it, a signed session cookie or the bearer
 * token is required. Mutating requests must come from this origin (CSRF).
 */
export async function proxy(request: NextRequest) {
  const config = readAuthConfig();
  const { pathname } = request.nextUrl;
  if (request.method !== "GET" && request.method !== "HEAD") {
    const origin = request.headers.get("origin");
    if (origin && origin !== request.nextUrl.origin && new URL(origin).host !== request.headers.get("host")) {
      return NextResponse.json({ error: "cross-origin request refused" }, { status: 403 });
    }
  }
  if (!authEnabled(config)) {
    if (!isLocalHostHeader(request.headers.get("host"))) {
      return new NextResponse("statelens: access control is not configured (set STATELENS_TOKEN) so only localhost is served\n", { status: 403 });
    }
    return NextResponse.next();
  }
  if (PUBLIC.includes(pathname)) return NextResponse.next();
  const bearer = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1];
  if (bearer && safeEqual(bearer, config.token!)) return NextResponse.next();
  const session = await verifySession(request.cookies.get(SESSION_COOKIE)?.value, config.secret);
  if (session) return NextResponse.next();
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "authentication required" }, { status: 401 });
  const login = new URL("/login", request.url);
  login.searchParams.set("next", pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
