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
  if (p.get("bench") !== null) void benchTyping();
}

/** Types a few queries into the search box like the e2e timing does and writes the median
 * time from the input event to the changed result list into `document.title`: the UI's own
 * share of search-as-you-type latency (the mock answers at once). */
async function benchTyping(): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  if (!input || !setter) return;
  const sig = () =>
    (document.querySelector('[data-testid="total-count"]')?.textContent ?? "") +
    [...document.querySelectorAll('[data-testid="result-item"]')].map((e) => e.getAttribute("data-id")).join();
  const samples: number[] = [];
  for (const q of ["c", "cl", "clo", "", "h", "he", "hea", "heat", "", "w", "wa", "wat", "", "f", "fl", "flo"]) {
    const before = sig();
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const obs = new MutationObserver(() => {
        if (sig() !== before) {
          obs.disconnect();
          resolve();
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      setter.call(input, q);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      setTimeout(() => {
        obs.disconnect();
        resolve();
      }, 1000);
    });
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  document.title = `bench median=${samples[Math.floor(samples.length / 2)]?.toFixed(1)} max=${samples[samples.length - 1]?.toFixed(1)}`;
}
