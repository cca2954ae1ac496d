// The case reader: title, key facts, the case's own HTML, sources, related cases.

import { goBack } from "../history";
import { joinPlace } from "../places";
import { LikePanel } from "../explore/LikePanel";
import type { MouseEvent, ReactNode } from "react";
import type { CaseView } from "../bindings/CaseView";
import type { Labelled } from "../bindings/Labelled";
import { fmtNumber, t, uiLang, type MessageKey } from "../i18n";
import type { OpenCase } from "../store";
import { NoteEditor } from "./Collections";
import { Icon, useSignal, useStore, type ColouredFacet } from "./common";
import { tracked } from "../signal";

const LabelledBadges = tracked(function LabelledBadges(props: { facet: ColouredFacet; items: Labelled[] }) {
  return (
    <span className="badges">
      {props.items.map((v) => (
        <span key={v.id} className={`badge badge-${props.facet}`} data-facet={props.facet}>
          {v.label}
        </span>
      ))}
    </span>
  );
});

/** Formats a number the way the UI language writes it (integers without decimals). */
function num(v: number): string {
  return Number.isInteger(v) ? fmtNumber(v) : v.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

const KeyFacts = tracked(function KeyFacts(props: { view: CaseView }) {
  const store = useStore();
  const { view } = props;
  const m = view.meta;
  const years = m.started === null ? null : m.ended !== null ? `${m.started}–${m.ended}` : t("years_since", { from: m.started });
  const row = (label: string, value: ReactNode) => (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section className="key-facts" data-testid="key-facts" aria-labelledby="key-facts-title">
      <h2 id="key-facts-title" className="section-title">
        {t("key_facts")}
      </h2>
      <dl className="facts">
        {row(t("city"), m.city)}
        {row(t("country"), store.labelOf("country", m.country))}
        {row(t("region"), view.region.label)}
        {view.programmes.length > 0 ? row(t("programmes"), view.programmes.map((p) => p.label).join(t("list_join"))) : null}
        {row(t("type"), t(`type_${m.type}` as MessageKey))}
        {row(t("status"), <span className={`status-dot status-${m.status}`}>{t(`status_${m.status}` as MessageKey)}</span>)}
        {years !== null ? row(t("years"), years) : null}
        {m.population !== null ? row(t("population"), fmtNumber(m.population)) : null}
        {m.coordinates !== null
          ? row(t("coordinates"), `${m.coordinates[0].toFixed(3)}, ${m.coordinates[1].toFixed(3)}`)
          : null}
        {view.hazards.length > 0 ? row(t("hazards"), <LabelledBadges facet="hazard" items={view.hazards} />) : null}
        {row(t("sectors"), <LabelledBadges facet="sector" items={view.sectors} />)}
        {row(t("measures"), <LabelledBadges facet="measure" items={view.measures} />)}
      </dl>
      {m.outcomes.length > 0 ? (
        <table className="outcomes">
          <caption>{t("outcomes")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("outcome_metric")}</th>
              <th scope="col" className="num">
                {t("outcome_value")}
              </th>
              <th scope="col" className="num">
                {t("outcome_year")}
              </th>
            </tr>
          </thead>
          <tbody>
            {m.outcomes.map((o, i) => (
              <tr key={i}>
                <td>{o.metric}</td>
                <td className="num">
                  {num(o.value)}
                  {o.unit !== null && o.unit !== "" ? <span className="unit"> {o.unit}</span> : null}
                </td>
                <td className="num">{o.year}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
});

/** Intercepts clicks on links in case HTML: external https links go through the confirmation,
 * in-page anchors (footnotes) scroll, anything else does nothing. Nothing navigates the webview. */
function onBodyClick(e: MouseEvent<HTMLElement>, requestOpen: (url: string) => void): void {
  const target = e.target instanceof Element ? e.target.closest("a") : null;
  if (!target) return;
  e.preventDefault();
  const href = target.getAttribute("href") ?? "";
  if (href.startsWith("#")) {
    const el = document.getElementById(decodeURIComponent(href.slice(1)));
    el?.scrollIntoView({ block: "start" });
    return;
  }
  requestOpen(href);
}

/** The user's own note on the case, saved as they type. */
const PersonalNote = tracked(function PersonalNote(props: { caseId: string }) {
  const store = useStore();
  const note = useSignal(store.workshop.note);
  if (note === null || note.caseId !== props.caseId) return null;
  return (
    <div className="personal-note" lang={uiLang.value}>
      <NoteEditor
        id={`note:${props.caseId}`}
        value={note.text}
        label={t("personal_note")}
        placeholder={t("personal_note_placeholder")}
        testid="personal-note"
        save={(text) => store.workshop.saveNote(props.caseId, text)}
      />
    </div>
  );
});

const ReaderBody = tracked(function ReaderBody(props: { open: OpenCase }) {
  const store = useStore();
  const collected = useSignal(store.workshop.collected);
  const { open } = props;
  const view = open.view;
  if (open.error !== null) {
    return (
      <p className="error-banner" role="alert">
        {t("case_failed", { message: open.error })}
      </p>
    );
  }
  if (view === null) return <div className="reader-loading" aria-busy="true" />;
  const m = view.meta;
  return (
    <article className="case" lang={view.lang}>
      <header className="case-header">
        <h1 className="case-title" data-testid="case-title">
          {m.title}
        </h1>
        <p className="case-place">
          {joinPlace([m.city, store.labelOf("country", m.country)])}
          <span className="sep" aria-hidden="true">·</span>
          <span className="muted">{t("updated", { date: m.updated })}</span>
        </p>
        <div className="case-actions">
          <button type="button" className="button" data-testid="reader-add" onClick={() => void store.workshop.startAdding([m.id])}>
            {collected.has(m.id) ? "★ " : "☆ "}
            {t("add_to_collection")}
          </button>
        </div>
        {view.languages.length > 1 ? (
          <div className="segmented case-langs" role="group" aria-label={t("case_language")}>
            {view.languages.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                aria-pressed={view.lang === l}
                className={view.lang === l ? "is-on" : ""}
                onClick={() => void store.open(m.id, l)}
              >
                {l === "ja" ? t("lang_ja") : l === "en" ? t("lang_en") : l.toUpperCase()}
              </button>
            ))}
          </div>
        ) : null}
      </header>
      <p className="case-summary">{m.summary}</p>
      <PersonalNote caseId={m.id} />
      <KeyFacts view={view} />
      {/* The core sanitizes this HTML (ammonia); it only ever goes into this container. */}
      <div
        className="case-body prose"
        dangerouslySetInnerHTML={{ __html: view.html }}
        onClick={(e) => onBodyClick(e, (u) => store.requestOpen(u))}
        onAuxClick={(e) => onBodyClick(e, (u) => store.requestOpen(u))}
      />
      <section className="sources" data-testid="sources" aria-labelledby="sources-title">
        <h2 id="sources-title" className="section-title">
          {t("sources")}
        </h2>
        <ol>
          {m.sources.map((s, i) => (
            <li key={i}>
              <a
                href={s.url}
                className="source-link"
                aria-label={t("open_source", { title: s.title })}
                onClick={(e) => {
                  e.preventDefault();
                  store.requestOpen(s.url);
                }}
              >
                {s.title}
                <Icon name="external" />
              </a>
              <span className="source-url">
                <span className="source-url-text">{s.url}</span>
                {s.accessed !== null ? <span className="source-accessed"> · {t("accessed", { date: s.accessed })}</span> : null}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section className="related" aria-labelledby="related-title">
        <h2 id="related-title" className="section-title">
          {t("related")}
        </h2>
        {open.related.length === 0 ? (
          <p className="muted">{t("no_related")}</p>
        ) : (
          <ul className="related-list" role="list">
            {open.related.map((h) => (
              <li key={`${h.id}:${h.lang}`}>
                <button
                  type="button"
                  className="related-item"
                  data-testid="related-item"
                  data-id={h.id}
                  aria-label={t("open_case", { title: h.title })}
                  onClick={() => void store.open(h.id)}
                >
                  <span className="related-title">{h.title}</span>
                  <span className="muted">
                    {joinPlace([h.city, store.labelOf("country", h.country)])}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <LikePanel key={open.id} id={open.id} />
    </article>
  );
});

/** The reader pane. */
export const Reader = tracked(function Reader() {
  const store = useStore();
  const open = store.openCase.value;
  if (open === null) return null;
  return (
    <section className="reader-pane" aria-label={open.view?.meta.title ?? t("key_facts")}>
      <div className="reader-toolbar">
        <button
          type="button"
          className="button button-quiet"
          data-testid="back-button"
          aria-label={t("back")}
          onClick={() => goBack(store)}
        >
          <Icon name="back" />
          {t("back_short")}
        </button>
        <span className="muted reader-path">{open.view?.path}</span>
      </div>
      <ReaderBody open={open} />
    </section>
  );
});
