export default function Loading() {
  return (
    <div className="muted" role="status" data-testid="loading">
      Loading executions…
    </div>
  );
}
