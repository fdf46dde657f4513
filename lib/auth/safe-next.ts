/**
 * Where to send the browser after signing in: `next` is parsed as a URL against this site and kept
 * only when it stays on it. Browsers drop tabs and newlines inside URLs and read `\` as `/`, so
 * `/\t/evil.example` and `/\evil` would leave the site; anything with a control character, a
 * backslash or a leading `//` (raw or percent-decoded) is refused, as is any absolute URL.
 * Returns a path (with query and fragment), or `fallback`.
 */
const BASE = "http://statelens.invalid";

export function safeNext(next: string | null | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/")) return fallback;
  if (suspicious(next)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  if (suspicious(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? fallback : path;
}

function suspicious(text: string): boolean {
  return /[\u0000-\u001f\u007f\\]/.test(text) || /^\/{2,}/.test(text);
}
