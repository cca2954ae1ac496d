// The last line of defence of the UI: a render error in one part shows a message and a way
// back instead of a blank window. Errors from commands are handled where they happen; this
// catches bugs.

import { Component, type ErrorInfo, type ReactNode } from "react";
import { t } from "../i18n";

interface State {
  error: Error | null;
}

/** Renders `children`, or, after a render error below it, what went wrong and a Reload button. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("casebook: the interface failed to render", error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="crash">
        <h1>{t("crash_title")}</h1>
        <p>{t("crash_body")}</p>
        <pre className="crash-detail">{error.message}</pre>
        <div className="crash-actions">
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            {t("crash_retry")}
          </button>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            {t("crash_reload")}
          </button>
        </div>
      </div>
    );
  }
}
