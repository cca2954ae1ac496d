// The Problems view, the settings dialog, the link confirmation and the status line.

import { useEffect, useRef } from "react";
import type { KeyboardEvent, ReactNode } from "react";
import { fmtNumber, t, uiLang, type Lang } from "../i18n";
import type { Theme } from "../store";
import { Icon, useStore } from "./common";
import { copyText } from "../contextmenu";
import { tracked } from "../signal";

/** Renders `backticked` parts of a diagnostic as code (as text nodes: nothing is parsed as HTML). */
export function withCode(text: string) {
  return text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}

/** Every diagnostic of the library, live. */
export const Problems = tracked(function Problems() {
  const store = useStore();
  const diags = store.diagnostics.value;
  const errors = store.errors.value;
  return (
    <section className="problems-pane" aria-labelledby="problems-title">
      <div className="problems-head">
        <button
          type="button"
          className="button button-quiet"
          data-testid="back-button"
          aria-label={t("back")}
          onClick={() => (store.view.value = "results")}
        >
          <Icon name="back" />
          {t("back_short")}
        </button>
        <h1 id="problems-title" className="pane-title">
          {t("problems_title")}
        </h1>
        <span className="muted">{t("problems_summary", { errors, warnings: diags.length - errors })}</span>
      </div>
      {diags.length > 0 ? <p className="muted problems-editor-hint">{withCode(t("problems_editor_hint"))}</p> : null}
      {diags.length === 0 ? (
        <p className="empty-title">{t("problems_none")}</p>
      ) : (
        <ul className="problems" role="list">
          {diags.map((d, i) => (
            <li key={i} className={`problem problem-${d.severity}`} data-testid="problem-item">
              <div className="problem-line">
                <span className={`severity severity-${d.severity}`}>{t(d.severity === "error" ? "severity_error" : "severity_warning")}</span>
                <code className="problem-loc">
                  {d.path}:{d.line}:{d.column}
                </code>
              </div>
              <p className="problem-message">{withCode(d.message)}</p>
              {d.hint !== null ? (
                <p className="problem-hint">
                  <span className="problem-hint-label">{t("problems_hint_label")}:</span> {withCode(d.hint)}
                </p>
              ) : null}
              <div className="problem-actions">
                <button
                  type="button"
                  className="link-button"
                  data-testid="problem-open"
                  aria-label={t("problem_open_label", { path: `${d.path}:${d.line}` })}
                  onClick={() => void store.openProblem(d.path, d.line)}
                >
                  {t("problem_open")}
                </button>
                <button
                  type="button"
                  className="link-button"
                  data-testid="problem-copy"
                  aria-label={t("problem_copy_label", { path: d.path })}
                  onClick={() => void copyText(store.absolutePath(d.path)).then((ok) => store.flash(t(ok ? "copied" : "copy_failed")))}
                >
                  {t("problem_copy")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});

/** A modal dialog: focus moves in, Esc is handled by the app, the backdrop closes it. */
export const Modal = tracked(function Modal(props: { labelledBy: string; onClose: () => void; children: ReactNode; className?: string; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>("[data-autofocus], button, select, input");
    first?.focus();
    return () => prev?.focus();
  }, []);
  const trap = (e: KeyboardEvent) => {
    if (e.key !== "Tab" || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>("button, select, input, a[href]")].filter((el) => !el.hasAttribute("disabled"));
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={ref}
        className={`modal ${props.className ?? ""}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={props.labelledBy}
        data-testid={props.testid}
        onKeyDown={trap}
      >
        {props.children}
      </div>
    </div>
  );
});

/** "Open <url> in your browser?" */
export const ConfirmLink = tracked(function ConfirmLink() {
  const store = useStore();
  const url = store.confirmUrl.value;
  if (url === null) return null;
  return (
    <Modal labelledBy="confirm-title" onClose={() => void store.confirmOpen(false)} testid="confirm-dialog">
      <h2 id="confirm-title" className="modal-title">
        {t("open_link_title")}
      </h2>
      <p className="confirm-question">{renderQuestion(url)}
      </p>
      <div className="modal-actions">
        <button type="button" className="button" data-testid="confirm-cancel" data-autofocus onClick={() => void store.confirmOpen(false)}>
          {t("open_link_cancel")}
        </button>
        <button type="button" className="button button-primary" data-testid="confirm-open" onClick={() => void store.confirmOpen(true)}>
          {t("open_link_confirm")}
        </button>
      </div>
    </Modal>
  );
});

/** The question with the URL set apart (and breakable), whatever the word order of the language. */
function renderQuestion(url: string) {
  const [before, after] = t("open_link_question").split("{url}");
  return (
    <>
      {before}
      <code className="confirm-url">{url}</code>
      {after}
    </>
  );
}

/** Settings: cases folder, UI language, theme. */
export const Settings = tracked(function Settings() {
  const store = useStore();
  if (!store.settingsOpen.value) return null;
  const lib = store.library.value;
  const close = () => (store.settingsOpen.value = false);
  return (
    <Modal labelledBy="settings-title" onClose={close} className="settings" testid="settings-dialog">
      <div className="modal-head">
        <h2 id="settings-title" className="modal-title">
          {t("settings_title")}
        </h2>
        <button type="button" className="icon-button" aria-label={t("close")} onClick={close}>
          <Icon name="x" />
        </button>
      </div>
      <div className="setting">
        <div className="setting-label">{t("cases_folder")}</div>
        <code className="folder-path" data-testid="cases-folder">
          {lib?.cases_dir ?? "—"}
        </code>
        <div className="muted">
          {lib?.bundled ? `${t("cases_folder_bundled")} · ` : ""}
          <span data-testid="library-counts">
            {t("library_counts", { cases: fmtNumber(lib?.cases ?? 0), docs: fmtNumber(lib?.docs ?? 0) })}
          </span>
        </div>
        <div className="setting-actions">
          <button type="button" className="button" onClick={() => void store.chooseFolder()}>
            {t("choose_folder")}
          </button>
          <button
            type="button"
            className="button button-quiet"
            data-testid="reindex"
            disabled={store.reindexing.value}
            onClick={() => void store.reindex()}
          >
            {store.reindexing.value ? t("reindexing") : t("reload")}
          </button>
        </div>
      </div>
      <label className="setting">
        <span className="setting-label">{t("ui_language")}</span>
        <select
          className="select"
          aria-label={t("ui_language")}
          value={uiLang.value}
          onChange={(e) => void store.setLang(e.currentTarget.value as Lang)}
        >
          <option value="en">English</option>
          <option value="ja">日本語</option>
        </select>
      </label>
      <label className="setting">
        <span className="setting-label">{t("theme_switch")}</span>
        <select
          className="select"
          aria-label={t("theme_switch")}
          value={store.theme.value}
          onChange={(e) => void store.setTheme(e.currentTarget.value as Theme)}
        >
          <option value="system">{t("theme_system")}</option>
          <option value="light">{t("theme_light")}</option>
          <option value="dark">{t("theme_dark")}</option>
        </select>
      </label>
    </Modal>
  );
});

/** The status line: indexing progress, transient messages, library size. */
export const StatusLine = tracked(function StatusLine() {
  const store = useStore();
  const p = store.progress.value;
  const lib = store.library.value;
  return (
    <footer className="statusline">
      <div className="status-left" role="status" aria-live="polite">
        {p !== null ? (
          <>
            <progress max={p.total} value={p.done} aria-label={t("status_indexing", { done: p.done, total: p.total })} />
            <span>{t("status_indexing", { done: fmtNumber(p.done), total: fmtNumber(p.total) })}</span>
          </>
        ) : store.status.value !== null ? (
          <span data-testid="status-message">{store.status.value}</span>
        ) : lib !== null ? (
          <span>{t("status_ready", { n: fmtNumber(lib.cases) })}</span>
        ) : null}
      </div>
      <div className="status-right">
        {store.backend.isMock ? <span className="demo-tag">{t("status_mock")}</span> : null}
        {store.searchedOnce.value ? <span className="muted">{t("took", { ms: store.tookMs.value.toFixed(1) })}</span> : null}
      </div>
    </footer>
  );
});
