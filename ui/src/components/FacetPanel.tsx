// The left facet panel: collapsible groups of multi-select values with counts, two-level
// values nested under their parents, per-group and global clear, and the year range.

import { useEffect, useState } from "react";
import { buildTree, checkState, FACET_ORDER, selectionCount, type FacetNode } from "../facets";
import { fmtNumber, t, type MessageKey } from "../i18n";
import { Icon, useStore } from "./common";
import { tracked } from "../signal";

/** Values shown before "Show all" in a long flat facet. */
const COLLAPSED_LIMIT = 8;

/** Facets ordered as the taxonomy lists them (others by count, as the core sorts them). */
const TAXONOMY_ORDERED = new Set(["hazard", "sector", "measure", "region", "programme"]);

function facetTitle(facet: string): string {
  return t(`facet_${facet}` as MessageKey);
}

// The render function has its own name: inside it, `FacetValue` must mean the tracked component
// (it renders its children), not the bare function.
const FacetValue = tracked(function FacetValueNode(props: { facet: string; node: FacetNode; depth: number }) {
  const store = useStore();
  const { facet, node, depth } = props;
  const state = checkState(store.filters.value, facet, node.id);
  const [open, setOpen] = useState(
    () => node.children.some((c) => checkState(store.filters.value, facet, c.id) === "selected"),
  );
  const hasChildren = node.children.length > 0;
  return (
    <li className={`facet-row depth-${depth} ${node.count === 0 ? "is-empty" : ""}`}>
      <div className="facet-line">
        {hasChildren ? (
          <button
            type="button"
            className={`disclosure ${open ? "is-open" : ""}`}
            aria-expanded={open}
            aria-label={open ? t("collapse", { label: node.label }) : t("expand", { label: node.label })}
            onClick={() => setOpen(!open)}
          >
            <Icon name="chevron" />
          </button>
        ) : (
          <span className="disclosure-spacer" />
        )}
        <label
          className="facet-label"
          data-testid="facet-value"
          data-facet={facet}
          data-value={node.id}
          data-state={state}
          title={node.label}
        >
          <input
            type="checkbox"
            checked={state !== "none"}
            className={state === "implied" ? "is-implied" : ""}
            aria-label={`${node.label} (${node.count})`}
            onChange={() => store.toggleFacet(facet, node.id)}
          />
          <span className="facet-text">{node.label}</span>
          <span className="facet-count" data-testid="facet-count">
            {fmtNumber(node.count)}
          </span>
        </label>
      </div>
      {hasChildren && open ? (
        <ul className="facet-children" role="list">
          {node.children.map((c) => (
            <FacetValue key={c.id} facet={facet} node={c} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
});

const FacetGroup = tracked(function FacetGroup(props: { facet: string }) {
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
    <section className="facet-group" aria-label={title}>
      <div className="facet-head">
        <button
          type="button"
          className="facet-title"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          aria-label={t("toggle_group", { facet: title })}
          onClick={() => setCollapsed(!collapsed)}
        >
          <span className={`disclosure-icon ${collapsed ? "" : "is-open"}`}>
            <Icon name="chevron" />
          </span>
          <span className={`facet-name facet-name-${facet}`}>{title}</span>
          {selected.length > 0 ? <span className="facet-selected-count">{selected.length}</span> : null}
        </button>
        {selected.length > 0 ? (
          <button
            type="button"
            className="link-button"
            aria-label={t("clear_facet", { facet: title })}
            onClick={() => store.clearFacet(facet)}
          >
            {t("clear")}
          </button>
        ) : null}
      </div>
      {collapsed ? null : (
        <div id={bodyId}>
          <ul className="facet-values" role="list">
            {shown.map((n) => (
              <FacetValue key={n.id} facet={facet} node={n} depth={0} />
            ))}
          </ul>
          {tree.length > COLLAPSED_LIMIT ? (
            <button type="button" className="link-button show-more" onClick={() => setShowAll(!showAll)}>
              {showAll ? t("show_less") : t("show_more", { n: tree.length })}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
});

/** A four-digit year, or null while the field is empty or incomplete. */
export function parseYear(v: string): number | null {
  if (!/^\d{4}$/.test(v.trim())) return null;
  return Number.parseInt(v, 10);
}

/** A year field: keeps what the user is typing, filters as soon as it is a full year. */
const YearInput = tracked(function YearInput(props: { which: "from" | "to"; value: number | null; onYear: (y: number | null) => void }) {
  const [text, setText] = useState(props.value === null ? "" : String(props.value));
  // Follow outside changes (Clear, chip removal) without fighting the user's typing.
  useEffect(() => {
    if (parseYear(text) !== props.value) setText(props.value === null ? "" : String(props.value));
  }, [props.value]);
  return (
    <label className="year-field">
      <span>{t(props.which === "from" ? "year_from" : "year_to")}</span>
      <input
        type="number"
        inputMode="numeric"
        min={1900}
        max={2100}
        placeholder={props.which === "from" ? "1990" : "2030"}
        aria-label={t(props.which === "from" ? "year_from_label" : "year_to_label")}
        data-testid={props.which === "from" ? "year-from" : "year-to"}
        value={text}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setText(v);
          const y = parseYear(v);
          if (y !== props.value && (y !== null || v.trim() === "")) props.onYear(y);
        }}
      />
    </label>
  );
});

const YearRange = tracked(function YearRange() {
  const store = useStore();
  return (
    <section className="facet-group" aria-label={t("facet_years")}>
      <div className="facet-head">
        <span className="facet-title is-static">
          <span className="facet-name">{t("facet_years")}</span>
        </span>
        {store.from.value !== null || store.to.value !== null ? (
          <button
            type="button"
            className="link-button"
            aria-label={t("clear_facet", { facet: t("facet_years") })}
            onClick={() => store.setYears(null, null)}
          >
            {t("clear")}
          </button>
        ) : null}
      </div>
      <div className="year-range">
        <YearInput which="from" value={store.from.value} onYear={(y) => store.setYears(y, store.to.value)} />
        <span className="year-dash" aria-hidden="true">
          –
        </span>
        <YearInput which="to" value={store.to.value} onYear={(y) => store.setYears(store.from.value, y)} />
      </div>
    </section>
  );
});

/** The facet panel. */
export const FacetPanel = tracked(function FacetPanel() {
  const store = useStore();
  const n = selectionCount(store.filters.value) + (store.from.value !== null ? 1 : 0) + (store.to.value !== null ? 1 : 0);
  return (
    <aside id="facet-panel" className={`facets ${store.filtersOpen.value ? "is-open" : ""}`} aria-label={t("filters")}>
      <div className="facets-head">
        <h2 className="facets-title">{t("filters")}</h2>
        {n > 0 ? (
          <button type="button" className="link-button" data-testid="clear-all" onClick={() => store.clearAll()}>
            {t("clear_all")}
          </button>
        ) : null}
        <button
          type="button"
          className="icon-button facets-close"
          aria-label={t("hide_filters")}
          onClick={() => (store.filtersOpen.value = false)}
        >
          <Icon name="x" />
        </button>
      </div>
      <p className="facets-hint">{t("filters_hint")}</p>
      {FACET_ORDER.map((f) => (
        <FacetGroup key={f} facet={f} />
      ))}
      <YearRange />
    </aside>
  );
});
