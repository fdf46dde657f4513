import Link from "next/link";

export default function CompareNotFound() {
  return (
    <div className="empty" data-testid="compare-missing">
      <p>One of the two executions is not stored: give each as its id, ARN or name.</p>
      <Link href="/executions">Back to the executions</Link>
    </div>
  );
}
