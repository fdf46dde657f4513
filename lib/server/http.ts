import { ZodError } from "zod";
import { printable } from "../text/printable";

/** A 400 naming each bad field, for every API route's zod validation. */
export function badRequest(error: ZodError | string): Response {
  const issues = typeof error === "string" ? [error] : error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  return Response.json({ error: "invalid request", issues: issues.map(printable) }, { status: 400 });
}

/** A 404 naming what was asked for; `what` may quote the request, so its control characters go. */
export function notFound(what: string): Response {
  return Response.json({ error: `${printable(what)} not found` }, { status: 404 });
}
