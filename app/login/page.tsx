import { authEnabled, readAuthConfig } from "@/lib/auth/auth-config";
import { safeNext } from "@/lib/auth/safe-next";

export const dynamic = "force-dynamic";

const MESSAGES: Record<string, string> = {
  invalid: "That user name and password (or token) are not valid.",
  throttled: "Too many failed attempts. Wait a few minutes and try again.",
  unavailable: "Sign-in is unavailable: the server cannot read its users file.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  const config = readAuthConfig();
  const target = safeNext(next);
  if (!authEnabled(config)) {
    return (
      <div style={{ maxWidth: 420, margin: "60px auto" }} data-testid="login-local">
        <h1>No sign-in needed</h1>
        <p>Access control is off: this dashboard only answers on localhost. Set STATELENS_TOKEN or STATELENS_USERS to require a login.</p>
        <a href={target}>Continue</a>
      </div>
    );
  }
  const hasUsers = config.usersFile !== null;
  const hasToken = config.token !== null;
  return (
    <div style={{ maxWidth: 380, margin: "60px auto" }}>
      <h1>Sign in to statelens</h1>
      {error && (
        <div className="errorbox" role="alert" data-testid="login-error">
          {MESSAGES[error] ?? "Sign-in failed."}
        </div>
      )}
      <form method="post" action="/api/auth/login" style={{ display: "grid", gap: 10 }} data-testid="login-form">
        <input type="hidden" name="next" value={target} />
        {hasUsers && (
          <label style={{ display: "grid", gap: 4 }}>
            User name
            <input type="text" name="user" autoComplete="username" required={!hasToken} />
          </label>
        )}
        <label style={{ display: "grid", gap: 4 }}>
          {hasUsers ? "Password" : "Access token"}
          <input type="password" name="password" autoComplete="current-password" required />
        </label>
        {hasUsers && hasToken && <small>Leave the user name empty to sign in with the admin token.</small>}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </div>
  );
}
