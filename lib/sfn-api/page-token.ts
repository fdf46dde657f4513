import { invalidToken } from "./sfn-error";

/**
 * Opaque nextToken values: base64url JSON naming the listing they belong to (`scope`) and where
 * the next page starts. A token from another listing, or not ours at all, is InvalidToken.
 */
export function encodeToken(scope: string, position: unknown): string {
  return Buffer.from(JSON.stringify({ s: scope, p: position }), "utf8").toString("base64url");
}

export function decodeToken<T>(token: string | undefined, scope: string, check: (position: unknown) => position is T): T | undefined {
  if (token === undefined || token === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidToken();
  }
  if (!parsed || typeof parsed !== "object") throw invalidToken();
  const { s, p } = parsed as { s?: unknown; p?: unknown };
  if (s !== scope || !check(p)) throw invalidToken();
  return p;
}

export const isCount = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0;
export const isText = (value: unknown): value is string => typeof value === "string";
