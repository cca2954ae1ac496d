// The app shell: layout, keyboard shortcuts, focus management.

import { lazy, Suspense, useCallback, useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { StoreContext } from "./components/common";
import { FacetPanel } from "./components/FacetPanel";
import { AddToCollection, Collections } from "./components/Collections";
import { Compare } from "./present/Compare";
import { Presenter } from "./present/Presenter";
import { ConfirmLink, Problems, Settings, StatusLine } from "./components/Panels";
import { Reader } from "./components/Reader";
import { Results } from "./components/Results";
import { TopBar } from "./components/TopBar";
import { ExploreStatus, ViewSwitch } from "./explore/ViewSwitch";
import { exploreMode } from "./explore/state";
import { uiLang } from "./i18n";
import { isWide } from "./layout";
import { useZoom } from "./zoom";
import { ContextMenu } from "./contextmenu";
import { SkipLink, useDensity } from "./density";
import { goBack, useHistory } from "./history";
import { useSelector, useSignal } from "./signal";
import type { Store } from "./store";

// The map and overview (with the map's country outlines, most of the UI's script) load on the
// first switch to them: the window shows sooner and the web process holds less until then.
const ExplorePane = lazy(() => import("./explore/ExploreView").then((m) => ({ default: m.ExplorePane })));

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT";
}

/** The whole UI for `store`. */
export function App(props: { store: Store }) {
  const { store } = props;
  // The shell re-renders only for what it reads here (which view, whether a case is open, the
  // language); each part below subscribes to its own state (see signal.ts).
  const view = useSignal(store.view);
  const readerOpen = useSelector(() => store.openCase.value !== null);
  const openId = useSelector(() => store.openCase.value?.view?.meta.id ?? null);
  const openLang = useSelector(() => store.openCase.value?.view?.lang ?? null);
  const filtersOpen = useSignal(store.filtersOpen);
  const mode = useSignal(exploreMode);
  const lang = useSignal(uiLang);
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
  useEffect(() => {
    if (openId === null) return;
    const title = document.querySelector<HTMLElement>("[data-testid='case-title']");
    // Beside the list (wide screens) focus stays in the list so the arrows keep working.
    if (title && returnFocus.current !== null && !isWide()) {
      title.tabIndex = -1;
      title.focus({ preventScroll: true });
    }
    document.querySelector(".reader-pane")?.scrollTo?.({ top: 0 });
  }, [openId, openLang]);

  // A stable handler, so the memoised list does not re-render for a new function each time.
  const navKeyRef = useRef(navKey);
  navKeyRef.current = navKey;
  const onNavKey = useCallback((e: ReactKeyboardEvent<HTMLElement>) => navKeyRef.current(e), []);

  const problems = view === "problems";
  const collections = view === "collections";
  const comparing = view === "compare";
  const covered = problems || collections || comparing;

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
      <div className={`app ${readerOpen ? "has-reader" : ""} ${covered ? "has-problems" : ""}`} lang={lang}>
        <SkipLink />
        <TopBar inputRef={input} onSearchKey={onNavKey} />
        <div className="main">
          <FacetPanel />
          {filtersOpen ? <div className="facets-scrim" onClick={() => (store.filtersOpen.value = false)} /> : null}
          <div className="content">
            {problems ? <Problems /> : null}
            {collections ? <Collections /> : null}
            {comparing ? <Compare /> : null}
            <div className={`results-wrap ${covered ? "is-covered" : ""}`} aria-hidden={covered}>
              <ViewSwitch />
              {mode !== "list" ? (
                <Suspense fallback={<ExploreStatus />}>
                  <ExplorePane />
                </Suspense>
              ) : (
                <Results onListKey={onNavKey} />
              )}
            </div>
            {!covered && readerOpen ? (
              <div className="reader-wrap">
                <Reader />
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
