// Each component re-renders when, and only when, state it shows changed (signal.ts): a keystroke
// must not re-render the facet panel or the reader, and a change they read must reach them.

import { act, Profiler, useEffect, useRef, type ProfilerOnRenderCallback } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreContext } from "./components/common";
import { FacetPanel } from "./components/FacetPanel";
import { Reader } from "./components/Reader";
import { Results } from "./components/Results";
import { TopBar } from "./components/TopBar";
import { uiLang } from "./i18n";
import { createMockBackend } from "./mock/backend";
import { batch, signal, tracked, useSelector } from "./signal";
import { SPINNER_DELAY_MS, Store } from "./store";
import { takeUntrackedReads } from "./test-setup";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let el: HTMLDivElement;
let root: Root;
let renders: Record<string, number> = {};
const count: ProfilerOnRenderCallback = (id) => {
  renders[id] = (renders[id] ?? 0) + 1;
};
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const settle = () => act(async () => sleep(30));
const originalMatchMedia = window.matchMedia;

beforeEach(() => {
  uiLang.value = "en";
  el = document.createElement("div");
  document.body.appendChild(el);
  root = createRoot(el);
  renders = {};
});

afterEach(() => {
  act(() => root.unmount());
  el.remove();
  window.matchMedia = originalMatchMedia;
});

function Parts() {
  const input = useRef<HTMLInputElement>(null);
  const noop = () => undefined;
  return (
    <>
      <Profiler id="topbar" onRender={count}>
        <TopBar inputRef={input} onSearchKey={noop} />
      </Profiler>
      <Profiler id="facets" onRender={count}>
        <FacetPanel />
      </Profiler>
      <Profiler id="results" onRender={count}>
        <Results onListKey={noop} />
      </Profiler>
      <Profiler id="reader" onRender={count}>
        <Reader />
      </Profiler>
    </>
  );
}

/** The search bar, facets, list and reader of one store, each under its own Profiler, with
 * the first case open beside the list (a wide window, so typing keeps it open). */
async function mountParts(): Promise<Store> {
  window.matchMedia = ((q: string) => ({ matches: /min-width/.test(q), media: q, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;
  const backend = createMockBackend();
  const store = new Store(backend);
  await act(async () => store.init());
  const first = store.hits.value[0];
  if (!first) throw new Error("the mock has no cases");
  await act(async () => store.open(first.id));
  await act(async () => {
    root.render(
      <StoreContext.Provider value={store}>
        <Parts />
      </StoreContext.Provider>,
    );
  });
  await settle();
  expect(el.querySelector('[data-testid="case-title"]')).not.toBeNull();
  expect(el.querySelectorAll('[data-testid="facet-value"]').length).toBeGreaterThan(0);
  renders = {};
  return store;
}

async function typeQuery(text: string): Promise<void> {
  const input = el.querySelector<HTMLInputElement>('[data-testid="search-input"]');
  if (!input) throw new Error("no search input");
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  await act(async () => {
    setter?.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

describe("per-component subscriptions", () => {
  it("a keystroke re-renders the search bar, and the list only for a slow search's spinner", async () => {
    const store = await mountParts();
    // The search stays in flight: only the keystroke itself is measured.
    store.backend.search = () => new Promise(() => undefined);
    await typeQuery("f");
    expect(store.query.value).toBe("f");
    expect(renders.topbar ?? 0).toBeGreaterThan(0);
    // A fast answer would replace the list at once: no render for a spinner in between.
    expect(renders.results ?? 0).toBe(0);
    expect(el.querySelector(".spinner")).toBeNull();
    // A slow one shows the spinner.
    await act(async () => new Promise((r) => setTimeout(r, SPINNER_DELAY_MS + 50)));
    expect(renders.results ?? 0).toBeGreaterThan(0);
    expect(el.querySelector(".spinner")).not.toBeNull();
    expect(renders.facets ?? 0).toBe(0);
    expect(renders.reader ?? 0).toBe(0);
  });

  it("an answer with the same facet counts does not re-render the facet panel", async () => {
    const store = await mountParts();
    await typeQuery(store.query.value + " ");
    await settle();
    expect(renders.results ?? 0).toBeGreaterThan(0);
    expect(renders.facets ?? 0).toBe(0);
    expect(renders.reader ?? 0).toBe(0);
  });

  it("a change a component reads re-renders it, and only the components that read it", async () => {
    const store = await mountParts();
    // New facet counts: the panel shows them.
    const [name, values] = Object.entries(store.facets.value)[0] ?? ["", []];
    const top = values[0];
    if (top === undefined) throw new Error("the mock has no facets");
    await act(async () => {
      store.facets.value = { ...store.facets.value, [name]: [{ ...top, count: 9999 }, ...values.slice(1)] };
    });
    expect(renders.facets ?? 0).toBeGreaterThan(0);
    expect(el.querySelector("#facet-panel")?.textContent).toContain("9,999");
    expect(renders.reader ?? 0).toBe(0);
    expect(renders.topbar ?? 0).toBe(0);

    // A filter set elsewhere (e.g. from the map): the panel and the list's chips follow.
    renders = {};
    const id = top.id;
    await act(async () => {
      store.filters.value = { [name]: [id] };
    });
    expect(renders.facets ?? 0).toBeGreaterThan(0);
    expect(renders.results ?? 0).toBeGreaterThan(0);
    expect(renders.reader ?? 0).toBe(0);

    // Another case opens: the reader follows; the facet panel does not move.
    renders = {};
    const title = () => el.querySelector('[data-testid="case-title"]')?.textContent;
    const before = title();
    const other = store.hits.value.find((h) => h.id !== store.openCase.value?.id);
    if (!other) throw new Error("the mock has one case");
    await act(async () => store.open(other.id));
    await settle();
    expect(renders.reader ?? 0).toBeGreaterThan(0);
    expect(title()).not.toBe(before);
    expect(store.openCase.value?.id).toBe(other.id);
    expect(renders.facets ?? 0).toBe(0);

    // The language: everything that shows text follows.
    renders = {};
    await act(async () => {
      uiLang.value = "ja";
    });
    for (const part of ["topbar", "facets", "results", "reader"]) expect(renders[part] ?? 0, part).toBeGreaterThan(0);
  });
});

describe("signal subscriptions", () => {
  it("re-renders a tracked component for the signals its last render read, once per batch", async () => {
    const a = signal(1);
    const b = signal("x");
    const useB = signal(true);
    const Shows = tracked(function Shows() {
      return <p>{useB.value ? `${a.value}${b.value}` : String(a.value)}</p>;
    });
    await act(async () => root.render(<Profiler id="shows" onRender={count}><Shows /></Profiler>));
    renders = {};
    await act(async () => {
      batch(() => {
        a.value = 2;
        b.value = "y";
      });
    });
    expect(renders.shows).toBe(1);
    expect(el.textContent).toBe("2y");
    // `b` is no longer read: changing it re-renders nothing.
    await act(async () => {
      useB.value = false;
    });
    renders = {};
    await act(async () => {
      b.value = "z";
    });
    expect(renders.shows ?? 0).toBe(0);
    expect(el.textContent).toBe("2");
  });

  it("re-renders a selector's component only when the selected value changes", async () => {
    const n = signal(1);
    function Big() {
      const big = useSelector(() => n.value > 5);
      return <p>{big ? "big" : "small"}</p>;
    }
    await act(async () => root.render(<Profiler id="big" onRender={count}><Big /></Profiler>));
    renders = {};
    await act(async () => {
      n.value = 2;
    });
    expect(renders.big ?? 0).toBe(0);
    await act(async () => {
      n.value = 6;
    });
    expect(renders.big).toBe(1);
    expect(el.textContent).toBe("big");
  });

  it("the test setup notices a render that reads a signal without subscribing", async () => {
    const n = signal(1);
    function Unsubscribed() {
      return <p>{n.value}</p>;
    }
    function InEffect() {
      useEffect(() => {
        document.title = String(n.value);
      });
      return null;
    }
    const Subscribed = tracked(function Subscribed() {
      return <p>{n.value}</p>;
    });
    // Reads in a tracked render and in an effect are fine.
    await act(async () => root.render(<><Subscribed /><InEffect /></>));
    await act(async () => {
      n.value = 2;
    });
    expect(takeUntrackedReads()).toEqual([]);
    await act(async () => root.render(<Unsubscribed />));
    expect(takeUntrackedReads().length).toBeGreaterThan(0);
  });
});
