import type { ReactNode } from "react";

export interface PanelProps {
  title?: ReactNode;
  /** buttons or links shown at the right of the header */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/** A bordered box with an optional header. */
export function Panel({ title, actions, children, className, testId }: PanelProps) {
  return (
    <section className={`sl-panel${className ? ` ${className}` : ""}`} data-testid={testId}>
      {(title || actions) && (
        <header className="sl-panel-header">
          <h3 className="sl-panel-title">{title}</h3>
          {actions ? <div className="sl-panel-actions">{actions}</div> : null}
        </header>
      )}
      <div className="sl-panel-body">{children}</div>
    </section>
  );
}
