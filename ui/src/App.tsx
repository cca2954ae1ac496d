// The app shell: layout, keyboard shortcuts, focus management.

import { memo, useCallback, useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from "react";
import { StoreContext } from "./components/common";
import { FacetPanel } from "./components/FacetPanel";
import { AddToCollection, Collections } from "./components/Collections";
import { Compare } from "./present/Compare";
import { Presenter } from "./present/Presenter";
import { ConfirmLink, Problems, Settings, StatusLine } from "./components/Panels";
import { Reader } from "./components/Reader";
import { Results } from "./components/Results";
import { TopBar } from "./components/TopBar";
import { ExplorePane, ViewSwitch } from "./explore/ExploreView";
import { exploreMode } from "./explore/state";
import { uiLang } from "./i18n";
import { isWide } from "./layout";
import { useZoom } from "./zoom";
import { ContextMenu } from "./contextmenu";
import { compact, SkipLink, useDensity } from "./density";
import { goBack, useHistory } from "./history";
import { useSignals } from "./signal";
import type { Store } from "./store";

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT";
}

/** Renders `render()` again only when one of `deps` changed (by identity). Every state change
 * re-renders from the root (see signal.ts); this keeps a keystroke from re-rendering the facet
 * panel and the reader when only the query changed. */
const Pure = memo(
  function Pure(props: { deps: readonly unknown[]; render: () => ReactNode }) {
    return <>{props.render()}</>;
  },
  (a, b) => a.deps.length === b.deps.length && a.deps.every((d, i) => Object.is(d, b.deps[i])),
);

/** The whole UI for `store`. */
export function App(props: { store: Store }) {
  const { store } = props;
  // Any state change re-renders from here (see signal.ts); React batches them.
  useSignals();
  useZoom(store.backend);
  useDensity(store.backend);
  useHistory(store);
  const input = useRef<HTMLInputElement>(null);
  // Where focus was when the reader opened, to return there on Back/Esc.
  const returnFocus = useRef<HTMLElement | null>(null);

  const openSelected = () => {
    const hit = store.hits.value[store.selected.value];
    if (!hit) return;
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    void store.open(hit.id);
  };

  const back = () => goBack(store);

  // On wide screens the reader sits beside the list, so it follows the keyboard selection.
  const follow = () => {
    if (store.openCase.value === null || !isWide()) return;
    const hit = store.hits.value[store.selected.value];
    if (hit && hit.id !== store.openCase.value.id) void store.open(hit.id);
  };

  // Arrow keys and Enter work the same in the search box and the list.
  const navKey = (e: ReactKeyboardEvent<HTMLElement>) => {
    const before = store.selected.value;
    handleNav(e);
    if (store.selected.value !== before) follow();
  };
  const handleNav = (e: ReactKeyboardEvent<HTMLElement>) => {
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        store.move(1);
        break;
      case "ArrowUp":
        e.preventDefault();
        store.move(-1);
        break;
      case "PageDown":
        if (e.currentTarget === input.current) return;
        e.preventDefault();
        store.move(10);
        break;
      case "PageUp":
        if (e.currentTarget === input.current) return;
        e.preventDefault();
        store.move(-10);
        break;
      case "Home":
      case "End":
        if (e.currentTarget === input.current) return;
        e.preventDefault();
        store.move(e.key === "Home" ? -Infinity : Infinity);
        break;
      case "Enter":
        e.preventDefault();
        openSelected();
        break;
      case "x":
      case "X": {
        // Marks the highlighted result for a comparison (or adding several at once).
        if (e.currentTarget === input.current || e.ctrlKey || e.metaKey || e.altKey) return;
        const hit = store.hits.value[store.selected.value];
        if (!hit) return;
        e.preventDefault();
        store.present.toggleSelect(hit.id);
        break;
      }
      case "a":
      case "A":
        // In the list only: in the search box the letter is typed.
        if (e.currentTarget === input.current || e.ctrlKey || e.metaKey || e.altKey) return;
        e.preventDefault();
        store.addSelected();
        break;
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if ((mod && e.key.toLowerCase() === "k") || (e.key === "/" && !mod && !isEditable(e.target))) {
        if (store.confirmUrl.value !== null || store.settingsOpen.value) return;
        e.preventDefault();
        if (store.view.value !== "results") store.view.value = "results";
        input.current?.focus();
        input.current?.select();
        return;
      }
      if (e.key === "Escape") {
        if (store.confirmUrl.value !== null) void store.confirmOpen(false);
        else if (store.workshop.adding.value !== null) store.workshop.closeAdding();
        else if (store.settingsOpen.value) store.settingsOpen.value = false;
        else if (store.filtersOpen.value) store.filtersOpen.value = false;
        else if (store.openCase.value !== null) back();
        else if (store.view.value !== "results") store.view.value = "results";
        else return;
        e.preventDefault();
      }
    };
    // Nothing may navigate the webview: any link click that no handler took is swallowed.
    const onClick = (e: MouseEvent) => {
      const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (a) e.preventDefault();
    };
    const noDrop = (e: DragEvent) => e.preventDefault();
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    document.addEventListener("dragover", noDrop);
    document.addEventListener("drop", noDrop);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
      document.removeEventListener("dragover", noDrop);
      document.removeEventListener("drop", noDrop);
    };
  }, [store]);

  // Move focus into the reader when a case finished loading, so screen readers announce it.
  const openView = store.openCase.value?.view ?? null;
  useEffect(() => {
    if (openView === null) return;
    const title = document.querySelector<HTMLElement>("[data-testid='case-title']");
    // Beside the list (wide screens) focus stays in the list so the arrows keep working.
    if (title && returnFocus.current !== null && !isWide()) {
      title.tabIndex = -1;
      title.focus({ preventScroll: true });
    }
    document.querySelector(".reader-pane")?.scrollTo?.({ top: 0 });
  }, [openView?.meta.id, openView?.lang]);

  // A stable handler, so the memoised list does not re-render for a new function each time.
  const navKeyRef = useRef(navKey);
  navKeyRef.current = navKey;
  const onNavKey = useCallback((e: ReactKeyboardEvent<HTMLElement>) => navKeyRef.current(e), []);

  const readerOpen = store.openCase.value !== null;
  const problems = store.view.value === "problems";
  const collections = store.view.value === "collections";
  const comparing = store.view.value === "compare";
  const covered = problems || collections || comparing;
  const s = store;
  const lang = uiLang.value;

  // When the reader closes (Back, Esc), focus returns to where it was, or to the list.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !readerOpen) {
      const el = returnFocus.current ?? document.getElementById("results-list");
      returnFocus.current = null;
      // Typing closed it: the search box keeps the focus.
      if (document.activeElement !== input.current) el?.focus({ preventScroll: true });
    }
    wasOpen.current = readerOpen;
  }, [readerOpen]);
  return (
    <StoreContext.Provider value={store}>
      <div className={`app ${readerOpen ? "has-reader" : ""} ${covered ? "has-problems" : ""}`} lang={uiLang.value}>
        <SkipLink />
        <TopBar inputRef={input} onSearchKey={navKey} />
        <div className="main">
          <Pure
            deps={[s.facets.value, s.filters.value, s.taxonomy.value, s.from.value, s.to.value, s.filtersOpen.value, lang]}
            render={() => <FacetPanel />}
          />
          {store.filtersOpen.value ? <div className="facets-scrim" onClick={() => (store.filtersOpen.value = false)} /> : null}
          <div className="content">
            {problems ? <Problems /> : null}
            {collections ? <Collections /> : null}
            {comparing ? <Compare /> : null}
            <div className={`results-wrap ${covered ? "is-covered" : ""}`} aria-hidden={covered}>
              <ViewSwitch />
              {exploreMode.value !== "list" ? <ExplorePane /> : <Pure
                deps={[
                  s.hits.value,
                  s.total.value,
                  s.selected.value,
                  s.corrected.value,
                  s.alsoSearched.value,
                  s.searching.value,
                  s.searchError.value,
                  s.searchedOnce.value,
                  s.starting.value,
                  s.progress.value,
                  s.filters.value,
                  s.from.value,
                  s.to.value,
                  s.openCase.value?.id,
                  s.taxonomy.value,
                  s.facets.value,
                  s.workshop.collected.value,
                  s.present.selection.value,
                  s.library.value,
                  lang,
                  compact.value,
                ]}
                render={() => <Results onListKey={onNavKey} />}
              />}
            </div>
            {!covered && readerOpen ? (
              <div className="reader-wrap">
                <Pure deps={[s.openCase.value, s.taxonomy.value, s.facets.value, lang]} render={() => <Reader />} />
              </div>
            ) : null}
          </div>
        </div>
        <StatusLine />
        <Settings />
        <ConfirmLink />
        <AddToCollection />
        <Presenter />
        <ContextMenu />
      </div>
    </StoreContext.Provider>
  );
}
