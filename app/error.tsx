"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="errorbox" role="alert" data-testid="page-error">
      <strong>This page could not be shown.</strong>
      <p>
        {error.message || "An unexpected error occurred."}
        {error.digest ? ` (reference ${error.digest})` : ""}
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
