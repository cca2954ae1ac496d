// Facet selection state as pure functions (unit-tested): what checking or unchecking a value
// does, how two-level values (`flooding/pluvial`) nest, and which chips to show.

import { FACETS, FILTER_ONLY } from "./bindings/constants";
import type { FacetCount } from "./bindings/FacetCount";

/** Selected values per facet name. Immutable: every operation returns a new object. */
export type Filters = Readonly<Record<string, readonly string[]>>;

/** A facet of the panel: every filter of the core's `search::FACETS` except the filter-only ones. */
export type FacetName = Exclude<(typeof FACETS)[number], (typeof FILTER_ONLY)[number]>;

/** The facets in panel order, as the core lists them (generated, so a new facet shows up). */
export const FACET_ORDER: readonly FacetName[] = FACETS.filter(
  (f): f is FacetName => !(FILTER_ONLY as readonly string[]).includes(f),
);

/** The parent id of a two-level value, or null for a top-level value. */
export function parentOf(id: string): string | null {
  const i = id.indexOf("/");
  return i > 0 ? id.slice(0, i) : null;
}

/** How a value shows in the panel: chosen by the user, included through its parent, or not. */
export type CheckState = "selected" | "implied" | "none";

/** The check state of `id` in `facet`. */
export function checkState(filters: Filters, facet: string, id: string): CheckState {
  const sel = filters[facet] ?? [];
  if (sel.includes(id)) return "selected";
  const p = parentOf(id);
  if (p !== null && sel.includes(p)) return "implied";
  return "none";
}

function withFacet(filters: Filters, facet: string, values: readonly string[]): Filters {
  const next: Record<string, readonly string[]> = { ...filters };
  if (values.length === 0) delete next[facet];
  else next[facet] = values;
  return next;
}

/**
 * Toggles `id` of `facet`. `known` lists the facet's value ids (to expand a parent into its
 * other children when one child is unchecked).
 *
 * - Checking a parent drops its checked children: the parent already includes them.
 * - Unchecking a child that is included through its parent replaces the parent with the
 *   parent's other children (so "all flooding except coastal" is one click away).
 */
export function toggle(filters: Filters, facet: string, id: string, known: readonly string[]): Filters {
  const sel = filters[facet] ?? [];
  const state = checkState(filters, facet, id);
  if (state === "selected") return withFacet(filters, facet, sel.filter((v) => v !== id));
  if (state === "implied") {
    const p = parentOf(id) ?? "";
    const siblings = known.filter((v) => parentOf(v) === p && v !== id);
    const rest = sel.filter((v) => v !== p && !siblings.includes(v));
    return withFacet(filters, facet, [...rest, ...siblings]);
  }
  const withoutChildren = sel.filter((v) => parentOf(v) !== id);
  return withFacet(filters, facet, [...withoutChildren, id]);
}

/** Removes one value. */
export function removeValue(filters: Filters, facet: string, id: string): Filters {
  return withFacet(filters, facet, (filters[facet] ?? []).filter((v) => v !== id));
}

/** Clears one facet. */
export function clearFacet(filters: Filters, facet: string): Filters {
  return withFacet(filters, facet, []);
}

/** Number of selected values over all facets. */
export function selectionCount(filters: Filters): number {
  return Object.values(filters).reduce((n, v) => n + v.length, 0);
}

/** One chip above the results. */
export interface Chip {
  facet: string;
  id: string;
}

/** The chips for the selection, in panel order. */
export function chips(filters: Filters): Chip[] {
  const out: Chip[] = [];
  const facets = [...FACET_ORDER, ...Object.keys(filters).filter((f) => !(FACET_ORDER as readonly string[]).includes(f))];
  for (const facet of facets) for (const id of filters[facet] ?? []) out.push({ facet, id });
  return out;
}

/** A facet value in the panel, with its children when it is a parent. */
export interface FacetNode {
  id: string;
  label: string;
  count: number;
  children: FacetNode[];
}

/**
 * Arranges a facet's counts for display: children under their parents, in `order` (taxonomy
 * order) when given, else as the core sorted them (by count). Selected values missing from
 * `counts` (they would now give 0 results) stay visible with count 0, labelled by `labelOf`.
 */
export function buildTree(
  counts: readonly FacetCount[],
  selected: readonly string[],
  order: readonly string[] | null,
  labelOf: (id: string) => string,
): FacetNode[] {
  const all = new Map<string, FacetNode>();
  for (const c of counts) all.set(c.id, { id: c.id, label: c.label, count: c.count, children: [] });
  for (const id of selected) {
    if (!all.has(id)) all.set(id, { id, label: labelOf(id), count: 0, children: [] });
  }
  let ids = [...all.keys()];
  if (order !== null) {
    const rank = new Map(order.map((id, i) => [id, i]));
    const r = (id: string) => rank.get(id) ?? Number.MAX_SAFE_INTEGER;
    ids = ids.sort((a, b) => r(a) - r(b) || a.localeCompare(b));
  }
  const roots: FacetNode[] = [];
  for (const id of ids) {
    const node = all.get(id);
    if (!node) continue;
    const p = parentOf(id);
    const parent = p === null ? undefined : all.get(p);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
