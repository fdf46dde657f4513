import { NextResponse } from "next/server";
import { z } from "zod";
import { readAuthConfig } from "@/lib/auth/auth-config";
import { SESSION_COOKIE, safeEqual, signSession } from "@/lib/auth/session";

const form = z.object({ token: z.string().min(1).max(1000), next: z.string().max(2000).optional() });
const SESSION_HOURS = 12;

export async function POST(request: Request) {
  const config = readAuthConfig();
  const parsed = form.safeParse(Object.fromEntries((await request.formData()).entries()));
  const next = parsed.success && parsed.data.next?.startsWith("/") && !parsed.data.next.startsWith("//") ? parsed.data.next : "/executions";
  const base = new URL(request.url);
  if (!config.token || !parsed.success || !safeEqual(parsed.data.token, config.token)) {
    return NextResponse.redirect(new URL(`/login?error=invalid&next=${encodeURIComponent(next)}`, base), 303);
  }
  const cookie = await signSession({ user: "admin", role: "admin", expires: Date.now() + SESSION_HOURS * 3600_000 }, config.secret);
  const response = NextResponse.redirect(new URL(next, base), 303);
  response.cookies.set(SESSION_COOKIE, cookie, { httpOnly: true, sameSite: "strict", secure: base.protocol === "https:", path: "/", maxAge: SESSION_HOURS * 3600 });
  return response;
}
