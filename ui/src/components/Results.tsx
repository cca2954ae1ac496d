// The result list: chips of the selection, the total, "Showing results for …", the hits as a
// listbox (arrow keys move, Enter opens), and "Load more".

import { useEffect, type KeyboardEvent } from "react";
import { chips } from "../facets";
import { fmtNumber, t, totalLabel, type MessageKey } from "../i18n";
import { sanitizeSnippet } from "../sanitize";
import type { Hit } from "../bindings/Hit";
import type { Store } from "../store";
import { DensityToggle } from "../density";
import { Badges, Icon, useStore } from "./common";
import { tracked, useSelector } from "../signal";

/** DOM id of the result at `i` (for `aria-activedescendant`). */
export const resultId = (i: number) => `result-${i}`;

/** The chips of the selected filters, each removable. */
export const Chips = tracked(function Chips() {
  const store = useStore();
  const list = chips(store.filters.value);
  const from = store.from.value;
  const to = store.to.value;
  if (list.length === 0 && from === null && to === null) return null;
  return (
    <ul className="chips" role="list" aria-label={t("filters")}>
      {list.map((c) => {
        const label = store.labelOf(c.facet, c.id);
        return (
          <li key={`${c.facet}:${c.id}`} className={`chip chip-${c.facet}`} data-testid="filter-chip">
            <span className="chip-facet">{t(`facet_${c.facet}` as MessageKey)}</span>
            <span className="chip-label">{label}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={t("remove_filter", { label })}
              onClick={() => store.removeFilter(c.facet, c.id)}
            >
              <Icon name="x" />
            </button>
          </li>
        );
      })}
      {from !== null || to !== null ? (
        <li className="chip" data-testid="filter-chip">
          <span className="chip-facet">{t("facet_years")}</span>
          <span className="chip-label">
            {from ?? "…"}–{to ?? "…"}
          </span>
          <button
            type="button"
            className="chip-remove"
            aria-label={t("remove_filter", { label: t("facet_years") })}
            onClick={() => store.setYears(null, null)}
          >
            <Icon name="x" />
          </button>
        </li>
      ) : null}
      <li>
        <button type="button" className="link-button" onClick={() => store.clearAll()}>
          {t("clear_all")}
        </button>
      </li>
    </ul>
  );
});

const ResultItem = tracked(function ResultItem(props: { hit: Hit; index: number; saved: boolean; picked: boolean }) {
  const store = useStore();
  const { hit, index, saved, picked } = props;
  // Selectors, not reads: moving the highlight or opening a case re-renders only the rows whose
  // answer changed, not every row.
  const isSelected = useSelector(() => store.selected.value === index);
  const isOpen = useSelector(() => store.openCase.value?.id === hit.id);
  return (
    <li
      id={resultId(index)}
      role="option"
      aria-selected={isSelected}
      data-testid="result-item"
      data-id={hit.id}
      className={`result ${isSelected ? "is-selected" : ""} ${isOpen ? "is-open" : ""} ${picked ? "is-picked" : ""}`}
      data-picked={picked}
      onClick={(e) => {
        store.selected.value = index;
        // Ctrl/Cmd+click marks results for a comparison instead of opening them.
        if (e.ctrlKey || e.metaKey) {
          store.present.toggleSelect(hit.id);
          return;
        }
        void store.open(hit.id);
      }}
    >
      <div className="result-head">
        <input
          type="checkbox"
          className="pick-box"
          data-testid="result-pick"
          tabIndex={-1}
          checked={picked}
          aria-label={t("pick_case", { title: hit.title })}
          onClick={(e) => e.stopPropagation()}
          onChange={() => store.present.toggleSelect(hit.id)}
        />
        <span className="result-title" lang={hit.lang}>
          {hit.title}
        </span>
        {hit.lang !== "en" ? <span className="lang-tag">{hit.lang.toUpperCase()}</span> : null}
        <button
          type="button"
          className={`icon-button save-star ${saved ? "is-saved" : ""}`}
          data-testid="result-add"
          aria-label={saved ? t("in_collection_add", { title: hit.title }) : t("add_case_to_collection", { title: hit.title })}
          title={saved ? t("in_collection") : t("add_to_collection_key")}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            void store.workshop.startAdding([hit.id]);
          }}
        >
          {saved ? "★" : "☆"}
        </button>
      </div>
      <div className="result-meta">
        <span className="result-place" lang={hit.lang}>
          {hit.city}
        </span>
        <span className="sep" aria-hidden="true">·</span>
        <span>{store.labelOf("country", hit.country)}</span>
        {hit.started !== null ? (
          <>
            <span className="sep" aria-hidden="true">·</span>
            <span>{hit.started}</span>
          </>
        ) : null}
        <span className="sep" aria-hidden="true">·</span>
        <span className={`status-dot status-${hit.status}`}>{t(`status_${hit.status}` as MessageKey)}</span>
      </div>
      {/* Snippet HTML: escaped by the core and re-sanitized here to allow only <mark>. */}
      <p className="result-snippet" lang={hit.lang} dangerouslySetInnerHTML={{ __html: sanitizeSnippet(hit.snippet) }} />
      <div className="badges">
        <Badges facet="hazard" ids={hit.hazards} max={3} />
        <Badges facet="sector" ids={hit.sectors} max={3} />
        <Badges facet="measure" ids={hit.measures} max={3} />
      </div>
    </li>
  );
});

/** Scrolls the result list so `item` is visible and its top is never under the sticky header
 * (an item taller than the view shows its top). */
function keepVisible(item: HTMLElement): void {
  const scroller = item.closest<HTMLElement>(".results-wrap");
  const header = scroller?.querySelector<HTMLElement>(".results-head");
  if (!scroller || !header) return;
  const view = scroller.getBoundingClientRect();
  // The header covers the top of the view only while it is sticky (not in short windows).
  const top = Math.max(view.top, header.getBoundingClientRect().bottom);
  const r = item.getBoundingClientRect();
  if (r.top < top) scroller.scrollTop -= top - r.top;
  else if (r.bottom > view.bottom) scroller.scrollTop += Math.min(r.bottom - view.bottom, r.top - top);
}

/** What the list says while the library opens or is first indexed (never "0 cases"). */
function startingLabel(store: Store): string {
  const p = store.progress.value;
  return p === null ? t("opening_library") : t("indexing_first", { done: fmtNumber(p.done), total: fmtNumber(p.total) });
}

/** The results pane; it keeps the keyboard selection scrolled into view. */
export const Results = tracked(function Results(props: { onListKey: (e: KeyboardEvent<HTMLElement>) => void }) {
  const store = useStore();
  const hits = store.hits.value;
  const sel = store.selected.value;
  const saved = store.workshop.collected.value;
  const picked = store.present.selection.value;

  // Keep the keyboard selection visible, below the sticky header.
  useEffect(() => {
    const el = document.getElementById(resultId(sel));
    if (el) keepVisible(el);
  }, [sel]);

  const corrected = store.corrected.value;
  const starting = store.starting.value;
  return (
    <section className="results-pane" aria-label={t("results_label")}>
      <div className="results-head">
        <Chips />
        <HiddenByProblems />
        <div className="results-summary">
          <span className="total" data-testid="total-count" aria-live="polite">
            {starting ? startingLabel(store) : totalLabel(store.total.value)}
          </span>
          {store.searching.value ? <span className="spinner" aria-label={t("loading")} /> : null}
          <span className="kbd-help">{t("kbd_help")}</span>
          <DensityToggle />
          {picked.length > 0 ? (
            <span className="picked-actions" data-testid="picked-actions">
              <span>{t("n_picked", { n: picked.length })}</span>
              <button
                type="button"
                className="button"
                data-testid="compare-picked"
                disabled={picked.length < 2 || picked.length > 4}
                title={picked.length > 4 ? t("compare_at_most") : undefined}
                onClick={() => store.compare([...picked])}
              >
                {t("compare_n", { n: picked.length })}
              </button>
              <button type="button" className="button" onClick={() => void store.workshop.startAdding([...picked])}>
                {t("add_to_collection")}
              </button>
              <button type="button" className="link-button" onClick={() => store.present.clearSelection()}>
                {t("clear")}
              </button>
            </span>
          ) : null}
          {hits.length > 0 ? (
            <button type="button" className="link-button export-results" data-testid="export-results" onClick={() => void store.exportResults("csv")}>
              {t("export_results_csv")}
            </button>
          ) : null}
        </div>
        {corrected !== null ? (
          <p className="corrected" data-testid="corrected">
            {t("showing_results_for")} <strong>{corrected}</strong>
          </p>
        ) : null}
        {store.alsoSearched.value.length > 0 ? (
          <p className="corrected also-searched" data-testid="also-searched">
            {t("also_searched")} {store.alsoSearched.value.join(t("list_join"))}
          </p>
        ) : null}
        {store.searchError.value !== null ? (
          <p className="error-banner" role="alert">
            {t("search_failed", { message: store.searchError.value })}
          </p>
        ) : null}
      </div>
      {starting ? (
        <div className="empty" data-testid="starting">
          <p className="empty-title">{startingLabel(store)}</p>
        </div>
      ) : hits.length === 0 && store.searchedOnce.value && store.searchError.value === null ? (
        <div className="empty">
          <p className="empty-title">{t("no_results")}</p>
          <p className="empty-hint">{t("no_results_hint")}</p>
          {chips(store.filters.value).length > 0 || store.from.value !== null || store.to.value !== null ? (
            <button type="button" className="button" onClick={() => store.clearAll()}>
              {t("clear_all")}
            </button>
          ) : null}
        </div>
      ) : null}
      <ul
        id="results-list"
        className="results"
        role="listbox"
        tabIndex={0}
        aria-label={t("results_label")}
        aria-activedescendant={hits.length > 0 ? resultId(sel) : undefined}
        onKeyDown={props.onListKey}
      >
        {hits.map((h, i) => (
          <ResultItem key={`${h.id}:${h.lang}`} hit={h} index={i} saved={saved.has(h.id)} picked={picked.includes(h.id)} />
        ))}
      </ul>
      {store.hasMore.value ? (
        <div className="load-more">
          <button type="button" className="button" data-testid="load-more" onClick={() => void store.loadMore()}>
            {t("load_more")}
            <span className="muted">
              {" "}
              ({fmtNumber(hits.length)} / {fmtNumber(store.total.value)})
            </span>
          </button>
        </div>
      ) : null}
    </section>
  );
});

/** Says when case files are left out of the results because they have errors, so a case with
 *  a broken file is never silently missing; the link opens the Problems view. */
const HiddenByProblems = tracked(function HiddenByProblems() {
  const store = useStore();
  const n = store.library.value?.invalid ?? 0;
  if (n === 0) return null;
  return (
    <p className="hidden-by-problems" data-testid="hidden-by-problems" role="status">
      {n === 1 ? t("hidden_by_problems_one") : t("hidden_by_problems", { n: fmtNumber(n) })}{" "}
      <button type="button" className="link-button" onClick={() => (store.view.value = "problems")}>
        {t("show_problems")}
      </button>
    </p>
  );
});
