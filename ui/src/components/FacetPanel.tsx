// The left facet panel: collapsible groups of multi-select values with counts, two-level
// values nested under their parents, per-group and global clear, and the year range.

import { useState } from "preact/hooks";
import { buildTree, checkState, FACET_ORDER, selectionCount, type FacetNode } from "../facets";
import { fmtNumber, t, type MessageKey } from "../i18n";
import { Icon, useStore } from "./common";

/** Values shown before "Show all" in a long flat facet. */
const COLLAPSED_LIMIT = 8;

/** Facets ordered as the taxonomy lists them (others by count, as the core sorts them). */
const TAXONOMY_ORDERED = new Set(["hazard", "sector", "measure", "region", "programme"]);

function facetTitle(facet: string): string {
  return t(`facet_${facet}` as MessageKey);
}

function FacetValue(props: { facet: string; node: FacetNode; depth: number }) {
  const store = useStore();
  const { facet, node, depth } = props;
  const state = checkState(store.filters.value, facet, node.id);
  const [open, setOpen] = useState(
    () => node.children.some((c) => checkState(store.filters.value, facet, c.id) === "selected"),
  );
  const hasChildren = node.children.length > 0;
  return (
    <li class={`facet-row depth-${depth} ${node.count === 0 ? "is-empty" : ""}`}>
      <div class="facet-line">
        {hasChildren ? (
          <button
            type="button"
            class={`disclosure ${open ? "is-open" : ""}`}
            aria-expanded={open}
            aria-label={open ? t("collapse", { label: node.label }) : t("expand", { label: node.label })}
            onClick={() => setOpen(!open)}
          >
            <Icon name="chevron" />
          </button>
        ) : (
          <span class="disclosure-spacer" />
        )}
        <label
          class="facet-label"
          data-testid="facet-value"
          data-facet={facet}
          data-value={node.id}
          data-state={state}
          title={node.label}
        >
          <input
            type="checkbox"
            checked={state !== "none"}
            class={state === "implied" ? "is-implied" : ""}
            aria-label={`${node.label} (${node.count})`}
            onChange={() => store.toggleFacet(facet, node.id)}
          />
          <span class="facet-text">{node.label}</span>
          <span class="facet-count" data-testid="facet-count">
            {fmtNumber(node.count)}
          </span>
        </label>
      </div>
      {hasChildren && open ? (
        <ul class="facet-children" role="list">
          {node.children.map((c) => (
            <FacetValue key={c.id} facet={facet} node={c} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function FacetGroup(props: { facet: string }) {
  const store = useStore();
  const { facet } = props;
  const [collapsed, setCollapsed] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const selected = store.filters.value[facet] ?? [];
  const order = TAXONOMY_ORDERED.has(facet)
    ? (store.taxonomy.value.facets[facet]?.values.map((v) => v.id) ?? null)
    : null;
  const tree = buildTree(store.facets.value[facet] ?? [], selected, order, (id) => store.labelOf(facet, id));
  if (tree.length === 0) return null;
  const limited = !showAll && tree.length > COLLAPSED_LIMIT;
  // Never hide a selected value behind "Show all".
  const shown = limited
    ? tree.filter((n, i) => i < COLLAPSED_LIMIT || checkState(store.filters.value, facet, n.id) !== "none")
    : tree;
  const title = facetTitle(facet);
  const bodyId = `facet-body-${facet}`;
  return (
    <section class="facet-group" aria-label={title}>
      <div class="facet-head">
        <button
          type="button"
          class="facet-title"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          aria-label={t("toggle_group", { facet: title })}
          onClick={() => setCollapsed(!collapsed)}
        >
          <span class={`disclosure-icon ${collapsed ? "" : "is-open"}`}>
            <Icon name="chevron" />
          </span>
          <span class={`facet-name facet-name-${facet}`}>{title}</span>
          {selected.length > 0 ? <span class="facet-selected-count">{selected.length}</span> : null}
        </button>
        {selected.length > 0 ? (
          <button
            type="button"
            class="link-button"
            aria-label={t("clear_facet", { facet: title })}
            onClick={() => store.clearFacet(facet)}
          >
            {t("clear")}
          </button>
        ) : null}
      </div>
      {collapsed ? null : (
        <div id={bodyId}>
          <ul class="facet-values" role="list">
            {shown.map((n) => (
              <FacetValue key={n.id} facet={facet} node={n} depth={0} />
            ))}
          </ul>
          {tree.length > COLLAPSED_LIMIT ? (
            <button type="button" class="link-button show-more" onClick={() => setShowAll(!showAll)}>
              {showAll ? t("show_less") : t("show_more", { n: tree.length })}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

function parseYear(v: string): number | null {
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 && n < 10000 ? n : null;
}

function YearRange() {
  const store = useStore();
  return (
    <section class="facet-group" aria-label={t("facet_years")}>
      <div class="facet-head">
        <span class="facet-title is-static">
          <span class="facet-name">{t("facet_years")}</span>
        </span>
        {store.from.value !== null || store.to.value !== null ? (
          <button
            type="button"
            class="link-button"
            aria-label={t("clear_facet", { facet: t("facet_years") })}
            onClick={() => store.setYears(null, null)}
          >
            {t("clear")}
          </button>
        ) : null}
      </div>
      <div class="year-range">
        <label class="year-field">
          <span>{t("year_from")}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1900}
            max={2100}
            placeholder="1990"
            aria-label={t("year_from_label")}
            data-testid="year-from"
            value={store.from.value ?? ""}
            onChange={(e) => store.setYears(parseYear(e.currentTarget.value), store.to.value)}
          />
        </label>
        <span class="year-dash" aria-hidden="true">–</span>
        <label class="year-field">
          <span>{t("year_to")}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1900}
            max={2100}
            placeholder="2030"
            aria-label={t("year_to_label")}
            data-testid="year-to"
            value={store.to.value ?? ""}
            onChange={(e) => store.setYears(store.from.value, parseYear(e.currentTarget.value))}
          />
        </label>
      </div>
    </section>
  );
}

/** The facet panel. */
export function FacetPanel() {
  const store = useStore();
  const n = selectionCount(store.filters.value) + (store.from.value !== null ? 1 : 0) + (store.to.value !== null ? 1 : 0);
  return (
    <aside id="facet-panel" class={`facets ${store.filtersOpen.value ? "is-open" : ""}`} aria-label={t("filters")}>
      <div class="facets-head">
        <h2 class="facets-title">{t("filters")}</h2>
        {n > 0 ? (
          <button type="button" class="link-button" data-testid="clear-all" onClick={() => store.clearAll()}>
            {t("clear_all")}
          </button>
        ) : null}
        <button
          type="button"
          class="icon-button facets-close"
          aria-label={t("hide_filters")}
          onClick={() => (store.filtersOpen.value = false)}
        >
          <Icon name="x" />
        </button>
      </div>
      <p class="facets-hint">{t("filters_hint")}</p>
      {FACET_ORDER.map((f) => (
        <FacetGroup key={f} facet={f} />
      ))}
      <YearRange />
    </aside>
  );
}
