import Link from "next/link";

export default function NotFound() {
  return (
    <div className="empty" data-testid="not-found">
      <p>Nothing is stored under this address.</p>
      <Link href="/executions">Back to the executions</Link>
    </div>
  );
}
