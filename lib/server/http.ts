import { ZodError } from "zod";
import { printable } from "../text/printable";
import { jsonText } from "../asl/evaluate/stringify-json";

/** A 400 naming each bad field, for every API route's zod validation. */
export function badRequest(error: ZodError | string): Response {
  const issues = typeof error === "string" ? [error] : error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  return Response.json({ error: "invalid request", issues: issues.map(printable) }, { status: 400 });
}

/**
 * Response.json for values of any depth (a replay's diff carries payloads): V8's stringify
 * overflows near 5,000 levels, and the iterative one takes over there.
 */
export function jsonResponse(value: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(jsonText(value) ?? "null", { ...init, headers });
}

/** A 404 naming what was asked for; `what` may quote the request, so its control characters go. */
export function notFound(what: string): Response {
  return Response.json({ error: `${printable(what)} not found` }, { status: 404 });
}
