// Demo hooks for the in-browser mock only (screenshots, manual checks): the page's query string
// can preset settings and state, e.g. `?ui_lang=ja&theme=dark&q=flood&f=hazard:flooding&open=ID`
// or `&view=problems`. Never used inside the desktop app.

import type { Store } from "../store";

/** Settings the mock should start with, from the query string. */
export function demoSettings(search: string): Map<string, string> {
  const p = new URLSearchParams(search);
  const m = new Map<string, string>();
  for (const key of ["ui_lang", "theme"]) {
    const v = p.get(key);
    if (v !== null) m.set(key, v);
  }
  return m;
}

/** Applies the state presets after the store loaded. */
export async function applyDemoState(store: Store, search: string): Promise<void> {
  const p = new URLSearchParams(search);
  const q = p.get("q");
  const filters: Record<string, string[]> = {};
  for (const f of p.getAll("f")) {
    const [facet, value] = f.split(":");
    if (facet && value) (filters[facet] ??= []).push(value);
  }
  if (q !== null) store.query.value = q;
  if (q !== null || Object.keys(filters).length > 0) {
    store.filters.value = filters;
    await store.search();
  }
  const sel = Number(p.get("sel") ?? "0");
  if (Number.isInteger(sel)) store.selected.value = sel;
  const open = p.get("open");
  if (open !== null) await store.open(open);
  if (p.get("view") === "problems") store.view.value = "problems";
  if (p.get("settings") !== null) store.settingsOpen.value = true;
  if (p.get("filters") !== null) store.filtersOpen.value = true;
  const url = p.get("confirm");
  if (url !== null) store.requestOpen(url);
}
