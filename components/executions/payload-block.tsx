/** A payload shown as text (pretty-printed when it is JSON); React escapes it, nothing is HTML. */
export function PayloadBlock({ title, text, testId }: { title: string; text: string | null; testId?: string }) {
  return (
    <section>
      <h2>{title}</h2>
      {text === null ? <p className="muted">—</p> : <pre className="payload" data-testid={testId}>{pretty(text)}</pre>}
    </section>
  );
}

export function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
