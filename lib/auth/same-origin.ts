/**
 * CSRF defence for mutating requests (every method but GET/HEAD/OPTIONS). Our choice: SameSite=strict
 * session cookies (a cross-site request never carries the session) plus this same-origin check, so
 * no double-submit token is needed, and it also protects local mode, where there is no cookie at all.
 *
 * A request is refused when the browser says it is not same-origin: `Sec-Fetch-Site` other than
 * `same-origin` (or `none`, a user-typed navigation), or an `Origin` whose host is not this host
 * (`Host`, or `X-Forwarded-Host` behind a reverse proxy). `Origin: null` is refused. Requests with
 * neither header are not from a browser page (curl, SDKs, the CLI) and pass: they cannot ride on a
 * victim's cookies.
 */
export type HeaderGetter = { get(name: string): string | null };

export function crossOriginReason(method: string, headers: HeaderGetter): string | null {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return null;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  const origin = headers.get("origin");
  if (origin === null) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    return `Origin ${JSON.stringify(origin.slice(0, 100))} is not a URL`;
  }
  if (!originHost) return `Origin ${JSON.stringify(origin.slice(0, 100))} is not a URL`;
  const hosts = [headers.get("host"), ...(headers.get("x-forwarded-host") ?? "").split(",")]
    .map((h) => h?.trim().toLowerCase())
    .filter((h): h is string => !!h);
  if (hosts.includes(originHost)) return null;
  return `Origin ${origin.slice(0, 100)} does not match this host`;
}
