// A history of views (the list with its query and filters, a case, a related case, the
// Problems view, a collection, a comparison) with Back and Forward: Alt+Left / Alt+Right, the mouse's back and forward
// buttons, the reader's Back button and Esc. Returning restores the scroll position and the
// selection.

import { useEffect } from "react";
import type { Filters } from "./facets";
import { batch, subscribe } from "./signal";
import type { Store } from "./store";

type View = Store["view"]["value"];

/** One place in the history. */
export interface Place {
  caseId: string | null;
  caseLang: string | null;
  view: View;
  /** The collection shown on the Collections page. */
  collectionId: number | null;
  /** The cases of the comparison. */
  comparing: readonly string[] | null;
  query: string;
  filters: Filters;
  from: number | null;
  to: number | null;
  selected: number;
  listScroll: number;
  readerScroll: number;
}

const scrollOf = (sel: string) => document.querySelector(sel)?.scrollTop ?? 0;

/** The history of one store. A new place is pushed when the case or the view changes; query,
 * filter and selection changes update the current place (typing is not history). */
export class History {
  private entries: Place[] = [];
  private index = -1;
  private restoring = false;

  constructor(private readonly store: Store) {}

  private capture(): Place {
    const s = this.store;
    const open = s.openCase.value;
    return {
      caseId: open?.id ?? null,
      caseLang: open?.view?.lang ?? null,
      view: s.view.value,
      collectionId: s.workshop.currentId.value,
      comparing: s.present.comparing.value,
      query: s.query.value,
      filters: s.filters.value,
      from: s.from.value,
      to: s.to.value,
      selected: s.selected.value,
      listScroll: 0,
      readerScroll: 0,
    };
  }

  /** Follows a state change (called after every change; cheap). */
  observe(): void {
    if (this.restoring) return;
    const now = this.capture();
    const cur = this.entries[this.index];
    if (cur === undefined) {
      this.entries = [now];
      this.index = 0;
      return;
    }
    if (cur.caseId !== now.caseId || cur.view !== now.view || cur.collectionId !== now.collectionId || cur.comparing !== now.comparing) {
      // Leaving `cur`: the page still shows it, so its scroll positions are read now.
      cur.listScroll = scrollOf(".results-wrap");
      cur.readerScroll = cur.caseId !== null ? scrollOf(".reader-wrap") : 0;
      this.entries = [...this.entries.slice(0, this.index + 1), now];
      this.index = this.entries.length - 1;
    } else {
      Object.assign(cur, { caseLang: now.caseLang ?? cur.caseLang, query: now.query, filters: now.filters, from: now.from, to: now.to, selected: now.selected });
    }
  }

  canGo(delta: -1 | 1): boolean {
    const i = this.index + delta;
    return i >= 0 && i < this.entries.length;
  }

  /** Goes `delta` places back (-1) or forward (1); false when there is nowhere to go. */
  async go(delta: -1 | 1): Promise<boolean> {
    if (!this.canGo(delta)) return false;
    const cur = this.entries[this.index];
    if (cur) {
      cur.listScroll = scrollOf(".results-wrap");
      cur.readerScroll = cur.caseId !== null ? scrollOf(".reader-wrap") : 0;
    }
    this.index += delta;
    const p = this.entries[this.index];
    if (!p) return false;
    const s = this.store;
    this.restoring = true;
    try {
      const listChanged = s.query.value !== p.query || s.filters.value !== p.filters || s.from.value !== p.from || s.to.value !== p.to;
      batch(() => {
        s.query.value = p.query;
        s.filters.value = p.filters;
        s.from.value = p.from;
        s.to.value = p.to;
        s.suggestOpen.value = false;
      });
      if (listChanged) await s.search(Math.max(s.hits.value.length, p.selected + 1));
      if (p.caseId !== null) await s.open(p.caseId, p.caseLang);
      else s.closeCase();
      if (p.view === "collections" && p.collectionId !== null) await s.workshop.show(p.collectionId);
      batch(() => {
        // The same array, so the history sees the place it restored, not a new one.
        s.present.comparing.value = p.comparing as string[] | null;
        s.view.value = p.view === "compare" && p.comparing === null ? "results" : p.view;
        s.selected.value = Math.min(p.selected, Math.max(0, s.hits.value.length - 1));
      });
    } finally {
      this.restoring = false;
    }
    // After the views have rendered (and the reader's own scroll-to-top ran).
    setTimeout(() => {
      const list = document.querySelector(".results-wrap");
      if (list) list.scrollTop = p.listScroll;
      const reader = document.querySelector(".reader-wrap");
      if (reader && p.caseId !== null) reader.scrollTop = p.readerScroll;
    }, 30);
    return true;
  }
}

const histories = new WeakMap<Store, History>();

/** Back: the previous place, or (with no history) closes the open case. */
export function goBack(store: Store): void {
  const h = histories.get(store);
  if (h?.canGo(-1)) void h.go(-1);
  else store.closeCase();
}

/** Keeps the history of `store` while the app is mounted and handles its keys and buttons. */
export function useHistory(store: Store): void {
  useEffect(() => {
    const h = new History(store);
    histories.set(store, h);
    h.observe();
    const unsubscribe = subscribe(() => h.observe());
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== "ArrowLeft" && e.key !== "ArrowRight")) return;
      e.preventDefault();
      void h.go(e.key === "ArrowLeft" ? -1 : 1);
    };
    // Mouse buttons 4 and 5 (`button` 3 and 4): back and forward.
    const onMouse = (e: MouseEvent) => {
      if (e.button !== 3 && e.button !== 4) return;
      e.preventDefault();
      void h.go(e.button === 3 ? -1 : 1);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mouseup", onMouse);
    return () => {
      unsubscribe();
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mouseup", onMouse);
      if (histories.get(store) === h) histories.delete(store);
    };
  }, [store]);
}
