import { NextResponse } from "next/server";

/**
 * A 303 to a path on this site with a relative Location. Route handlers' `request.url` names the
 * host Next.js was started with (often "localhost"), not the one the browser used, and a redirect
 * to another host loses the session cookie; a relative Location keeps the browser where it is.
 */
export function seeOther(pathWithQuery: string): NextResponse {
  if (!pathWithQuery.startsWith("/") || pathWithQuery.startsWith("//") || pathWithQuery.startsWith("/\\")) {
    throw new Error(`seeOther needs a path on this site, got ${JSON.stringify(pathWithQuery)}`);
  }
  return new NextResponse(null, { status: 303, headers: { Location: pathWithQuery } });
}
