import type { HeaderReader } from "../auth/request-identity";

/**
 * The client address for the log, as the whole `X-Forwarded-For` chain (else `X-Real-IP`).
 * Next.js fills X-Forwarded-For with the socket address only when the request has none, so a
 * client talking to the server directly can write its own: the chain is a hint, and behind a
 * reverse proxy that appends (nginx `$proxy_add_x_forwarded_for`) its last entry is the one the
 * proxy saw. See `lastHop` for the entry to rate-limit on.
 */
export function clientIp(headers: HeaderReader): string | null {
  const chain = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .join(", ");
  const ip = chain || headers.get("x-real-ip")?.trim() || null;
  return ip ? ip.slice(0, 200) : null;
}

/** The last address of a chain from clientIp (the nearest hop's view of the client). */
export function lastHop(chain: string | null): string | null {
  return chain?.split(",").pop()?.trim() || null;
}
