import { ZodError } from "zod";

/** A 400 naming each bad field, for every API route's zod validation. */
export function badRequest(error: ZodError | string): Response {
  const issues = typeof error === "string" ? [error] : error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
  return Response.json({ error: "invalid request", issues }, { status: 400 });
}

export function notFound(what: string): Response {
  return Response.json({ error: `${what} not found` }, { status: 404 });
}
