/**
 * The Content-Security-Policy for one response. Scripts run only from this origin or with the
 * per-request nonce, which Next.js reads from the request's CSP header and puts on its own inline
 * bootstrap scripts; no 'unsafe-inline' for scripts. Development adds 'unsafe-eval' (React's dev
 * tooling needs it). Styles keep 'unsafe-inline': React writes style attributes, and CSS cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** 128 random bits, base64: unguessable and fresh for every request. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
