import { statusLabel, toneOf } from "./status-tone";

export interface StatusBadgeProps {
  /** SUCCEEDED | FAILED | TIMED_OUT | ABORTED | RUNNING | PENDING_REDRIVE, or a state status */
  status: string;
  /** extra text after the label, e.g. "×3" */
  suffix?: string;
  title?: string;
}

/** A coloured pill for an execution or state status. */
export function StatusBadge({ status, suffix, title }: StatusBadgeProps) {
  return (
    <span className={`sl-badge sl-tone-${toneOf(status)}`} data-status={status} title={title}>
      {status === "RUNNING" || status === "in-progress" ? <span className="sl-pulse" aria-hidden /> : null}
      {statusLabel(status)}
      {suffix ? <span className="sl-badge-suffix">{suffix}</span> : null}
    </span>
  );
}
