import { ZodError, type ZodType } from "zod";
import { printable } from "../text/printable";
import { jsonText } from "../asl/evaluate/stringify-json";

/** A 400 naming each bad field, for every API route's zod validation. */
export function badRequest(error: ZodError | string): Response {
  const issues = typeof error === "string" ? [error] : error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  return Response.json({ error: "invalid request", issues: issues.map(printable) }, { status: 400 });
}

/**
 * A request body that must be a JSON object matching `schema`: its data and the object as sent, or
 * the 400 answer that names what is wrong (not JSON, not an object, each bad field).
 */
export async function readJsonBody<T>(
  request: Request,
  schema: ZodType<T>,
): Promise<{ data: T; raw: Record<string, unknown> } | { response: Response }> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return { response: badRequest("(body): must be a JSON object") };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { response: badRequest("(body): must be a JSON object") };
  const parsed = schema.safeParse(raw);
  // `raw` tells a member given as undefined/null from one left out, which the schema's data cannot
  return parsed.success ? { data: parsed.data, raw: raw as Record<string, unknown> } : { response: badRequest(parsed.error) };
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
