import type { IncomingHttpHeaders } from "node:http";
import { authEnabled, readAuthConfig } from "./auth-config";
import { GATE_HEADER, gateStamp } from "./gate-stamp";

/** What the gate reads of a node:http request (a fake one in tests). */
export interface GateRequest {
  socket: { localAddress?: string; remoteAddress?: string };
  headers: IncomingHttpHeaders;
}

export interface GateRefusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (what a dual-stack socket reports). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.replace(/^::ffff:/i, "");
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** STATELENS_TRUST_PROXY=1 (or true): X-Forwarded-* come from a reverse proxy in front and are kept. */
export function trustsProxy(env: Record<string, string | undefined> = process.env): boolean {
  return /^(1|true|yes)$/i.test(env.STATELENS_TRUST_PROXY?.trim() ?? "");
}

/**
 * The first look at every request the Next.js server accepts (`next start`, `next dev` or
 * `statelens serve`), on the socket rather than on headers a client writes:
 * - without STATELENS_TOKEN / STATELENS_USERS, a request that arrived on a non-loopback local
 *   address (the server listens beyond localhost) is refused with 403 saying what to set;
 * - unless STATELENS_TRUST_PROXY is set, client-supplied X-Forwarded-* / X-Real-IP / Forwarded
 *   are dropped and X-Forwarded-For is set to the socket's peer, so the audit log, the login
 *   throttle and the secure-cookie decision see the real client (Next.js fills the other
 *   X-Forwarded-* from the socket and Host).
 * Requests it lets through are stamped (gate-stamp.ts). Mutates `request.headers`; returns the refusal to send, or null to go on.
 */
export function gateRequest(request: GateRequest, env: Record<string, string | undefined> = process.env): GateRefusal | null {
  delete request.headers[GATE_HEADER];
  let enabled: boolean;
  try {
    enabled = authEnabled(readAuthConfig(env));
  } catch (error) {
    return refusal(request, 500, "ServiceUnavailable", `statelens: ${(error as Error).message}`);
  }
  if (!enabled && !isLoopbackAddress(request.socket.localAddress)) {
    return refusal(
      request,
      403,
      "AccessDeniedException",
      `statelens: this server answers on ${request.socket.localAddress ?? "an unknown address"}, beyond localhost, but access control is not configured. ` +
        "Set STATELENS_TOKEN (an admin token, 16+ characters) and/or STATELENS_USERS (a users file), or listen on 127.0.0.1 only.",
    );
  }
  if (!trustsProxy(env)) {
    for (const name of FORWARDED) delete request.headers[name];
    if (request.socket.remoteAddress) request.headers["x-forwarded-for"] = request.socket.remoteAddress;
  }
  request.headers[GATE_HEADER] = gateStamp(env);
  return null;
}

/** SDK and CLI callers (X-Amz-Target) get the refusal in AWS's JSON error shape, others plain text. */
function refusal(request: GateRequest, status: number, code: string, message: string): GateRefusal {
  if (request.headers["x-amz-target"]) {
    return {
      status,
      headers: { "content-type": "application/x-amz-json-1.0" },
      body: JSON.stringify({ __type: `com.amazon.coral.service#${code}`, message }),
    };
  }
  return { status, headers: { "content-type": "text/plain; charset=utf-8" }, body: `${message}\n` };
}
