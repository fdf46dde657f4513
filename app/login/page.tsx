export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string }> }) {
  const { next, error } = await searchParams;
  return (
    <div style={{ maxWidth: 380, margin: "60px auto" }}>
      <h1>Sign in to statelens</h1>
      {error && <div className="errorbox" role="alert">{error === "invalid" ? "That token is not valid." : "Sign-in failed."}</div>}
      <form method="post" action="/api/auth/login" style={{ display: "grid", gap: 10 }}>
        <input type="hidden" name="next" value={next?.startsWith("/") && !next.startsWith("//") ? next : "/executions"} />
        <label style={{ display: "grid", gap: 4 }}>Access token<input type="password" name="token" autoComplete="current-password" required /></label>
        <button type="submit" className="primary">Sign in</button>
      </form>
    </div>
  );
}
