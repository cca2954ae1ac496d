// The result list: chips of the selection, the total, "Showing results for …", the hits as a
// listbox (arrow keys move, Enter opens), and "Load more".

import { useEffect, useRef } from "preact/hooks";
import { chips } from "../facets";
import { fmtNumber, t, totalLabel, type MessageKey } from "../i18n";
import { sanitizeSnippet } from "../sanitize";
import type { Hit } from "../bindings/Hit";
import { Badges, Icon, useStore } from "./common";

/** DOM id of the result at `i` (for `aria-activedescendant`). */
export const resultId = (i: number) => `result-${i}`;

function Chips() {
  const store = useStore();
  const list = chips(store.filters.value);
  const from = store.from.value;
  const to = store.to.value;
  if (list.length === 0 && from === null && to === null) return null;
  return (
    <ul class="chips" role="list" aria-label={t("filters")}>
      {list.map((c) => {
        const label = store.labelOf(c.facet, c.id);
        return (
          <li key={`${c.facet}:${c.id}`} class={`chip chip-${c.facet}`} data-testid="filter-chip">
            <span class="chip-facet">{t(`facet_${c.facet}` as MessageKey)}</span>
            <span class="chip-label">{label}</span>
            <button
              type="button"
              class="chip-remove"
              aria-label={t("remove_filter", { label })}
              onClick={() => store.removeFilter(c.facet, c.id)}
            >
              <Icon name="x" />
            </button>
          </li>
        );
      })}
      {from !== null || to !== null ? (
        <li class="chip" data-testid="filter-chip">
          <span class="chip-facet">{t("facet_years")}</span>
          <span class="chip-label">
            {from ?? "…"}–{to ?? "…"}
          </span>
          <button
            type="button"
            class="chip-remove"
            aria-label={t("remove_filter", { label: t("facet_years") })}
            onClick={() => store.setYears(null, null)}
          >
            <Icon name="x" />
          </button>
        </li>
      ) : null}
      <li>
        <button type="button" class="link-button" onClick={() => store.clearAll()}>
          {t("clear_all")}
        </button>
      </li>
    </ul>
  );
}

function ResultItem(props: { hit: Hit; index: number }) {
  const store = useStore();
  const { hit, index } = props;
  const isSelected = store.selected.value === index;
  const isOpen = store.openCase.value?.id === hit.id;
  return (
    <li
      id={resultId(index)}
      role="option"
      aria-selected={isSelected}
      data-testid="result-item"
      data-id={hit.id}
      class={`result ${isSelected ? "is-selected" : ""} ${isOpen ? "is-open" : ""}`}
      onClick={() => {
        store.selected.value = index;
        void store.open(hit.id);
      }}
    >
      <div class="result-head">
        <span class="result-title" lang={hit.lang}>
          {hit.title}
        </span>
        {hit.lang !== "en" ? <span class="lang-tag">{hit.lang.toUpperCase()}</span> : null}
      </div>
      <div class="result-meta">
        <span class="result-place" lang={hit.lang}>
          {hit.city}
        </span>
        <span class="sep" aria-hidden="true">·</span>
        <span>{store.labelOf("country", hit.country)}</span>
        {hit.started !== null ? (
          <>
            <span class="sep" aria-hidden="true">·</span>
            <span>{hit.started}</span>
          </>
        ) : null}
        <span class="sep" aria-hidden="true">·</span>
        <span class={`status-dot status-${hit.status}`}>{t(`status_${hit.status}` as MessageKey)}</span>
      </div>
      {/* Snippet HTML: escaped by the core and re-sanitized here to allow only <mark>. */}
      <p class="result-snippet" lang={hit.lang} dangerouslySetInnerHTML={{ __html: sanitizeSnippet(hit.snippet) }} />
      <div class="badges">
        <Badges facet="hazard" ids={hit.hazards} max={3} />
        <Badges facet="sector" ids={hit.sectors} max={3} />
        <Badges facet="measure" ids={hit.measures} max={3} />
      </div>
    </li>
  );
}

/** The results pane. `listRef` is the scrolling listbox (the app scrolls the selection into view). */
export function Results(props: { onListKey: (e: KeyboardEvent) => void }) {
  const store = useStore();
  const scroller = useRef<HTMLDivElement>(null);
  const hits = store.hits.value;
  const sel = store.selected.value;

  // Keep the keyboard selection visible.
  useEffect(() => {
    const el = document.getElementById(resultId(sel));
    if (el && typeof el.scrollIntoView === "function") el.scrollIntoView({ block: "nearest" });
  }, [sel]);

  const corrected = store.corrected.value;
  return (
    <section class="results-pane" aria-label={t("results_label")} ref={scroller}>
      <div class="results-head">
        <Chips />
        <div class="results-summary">
          <span class="total" data-testid="total-count" aria-live="polite">
            {totalLabel(store.total.value)}
          </span>
          {store.searching.value ? <span class="spinner" aria-label={t("loading")} /> : null}
          <span class="kbd-help">{t("kbd_help")}</span>
        </div>
        {corrected !== null ? (
          <p class="corrected" data-testid="corrected">
            {t("showing_results_for")} <strong>{corrected}</strong>
          </p>
        ) : null}
        {store.searchError.value !== null ? (
          <p class="error-banner" role="alert">
            {t("search_failed", { message: store.searchError.value })}
          </p>
        ) : null}
      </div>
      {hits.length === 0 && store.searchedOnce.value && store.searchError.value === null ? (
        <div class="empty">
          <p class="empty-title">{t("no_results")}</p>
          <p class="empty-hint">{t("no_results_hint")}</p>
        </div>
      ) : null}
      <ul
        id="results-list"
        class="results"
        role="listbox"
        tabIndex={0}
        aria-label={t("results_label")}
        aria-activedescendant={hits.length > 0 ? resultId(sel) : undefined}
        onKeyDown={props.onListKey}
      >
        {hits.map((h, i) => (
          <ResultItem key={`${h.id}:${h.lang}`} hit={h} index={i} />
        ))}
      </ul>
      {store.hasMore.value ? (
        <div class="load-more">
          <button type="button" class="button" data-testid="load-more" onClick={() => void store.loadMore()}>
            {t("load_more")}
            <span class="muted">
              {" "}
              ({fmtNumber(hits.length)} / {fmtNumber(store.total.value)})
            </span>
          </button>
        </div>
      ) : null}
    </section>
  );
}
