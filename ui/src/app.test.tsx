import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App } from "./App";
import { uiLang } from "./i18n";
import { createMockBackend } from "./mock/backend";
import { Store } from "./store";

// Tell React that this environment runs updates inside act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: HTMLDivElement;
let reactRoot: Root;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Lets pending promises, timers (the typing debounce) and renders run. */
async function settle(ms = 40): Promise<void> {
  await act(async () => {
    await sleep(ms);
  });
}

async function mount(opts: Parameters<typeof createMockBackend>[0] = {}) {
  const backend = createMockBackend(opts);
  const store = new Store(backend);
  await act(async () => {
    reactRoot.render(<App store={store} />);
  });
  await act(async () => {
    await store.init();
  });
  await settle();
  return { backend, store };
}

const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(sel: string) => [...root.querySelectorAll<T>(sel)];
const tid = (id: string) => `[data-testid="${id}"]`;

async function type(text: string): Promise<void> {
  const input = $<HTMLInputElement>(tid("search-input"));
  if (!input) throw new Error("no search input");
  // Set the value through the native setter, as typing does, so React sees a change.
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
  await act(async () => {
    setter?.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await settle();
}

async function key(el: Element, k: string): Promise<void> {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
  });
  await settle();
}

async function click(el: Element | null): Promise<void> {
  if (!el) throw new Error("nothing to click");
  await act(async () => {
    (el as HTMLElement).click();
  });
  await settle();
}

beforeEach(() => {
  uiLang.value = "en";
  root = document.createElement("div");
  document.body.appendChild(root);
  reactRoot = createRoot(root);
});

afterEach(() => {
  act(() => reactRoot.unmount());
  root.remove();
});

describe("search results", () => {
  it("renders the mock's response: items, total, snippets with marks, badges", async () => {
    await mount();
    expect($$(tid("result-item")).length).toBe(10);
    expect($(tid("total-count"))?.textContent).toBe("10 cases");
    await type("cloudburst");
    const items = $$(tid("result-item"));
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]?.textContent).toContain("Cloudburst Management Plan");
    expect($(tid("total-count"))?.textContent).toBe(`${items.length} cases`);
    const marks = $$(".result-snippet mark").map((m) => m.textContent?.toLowerCase());
    expect(marks).toContain("cloudburst");
    expect($(".badge-hazard")?.textContent).toBe("Pluvial and flash flooding");
  });

  it("says when it corrected the query", async () => {
    await mount();
    await type("cloudbursx");
    expect($(tid("corrected"))?.textContent).toContain("Showing results for");
    expect($$(tid("result-item")).length).toBeGreaterThan(0);
  });

  it("drops a slow stale response instead of showing it over a newer one", async () => {
    // "c" answers after 120 ms, everything else at once: the "c" answer arrives last.
    const { store } = await mount({ searchDelay: (r) => (r.query === "c" ? 120 : 0) });
    await act(async () => {
      store.setQuery("c");
    });
    await settle(30);
    await type("cloudburst");
    const afterNewer = $$(tid("result-item")).map((e) => e.getAttribute("data-id"));
    await settle(200);
    expect($$(tid("result-item")).map((e) => e.getAttribute("data-id"))).toEqual(afterNewer);
    expect(store.query.value).toBe("cloudburst");
    expect(afterNewer.every((id) => id === "copenhagen-cloudburst-plan" || id === "rotterdam-water-squares")).toBe(true);
  });
});

describe("facets", () => {
  it("filters by a value, shows a chip, keeps a now-empty selection visible with 0", async () => {
    await mount();
    const dk = $(`${tid("facet-value")}[data-facet="country"][data-value="DK"]`);
    expect(dk?.querySelector(tid("facet-count"))?.textContent).toBe("2");
    await click(dk?.querySelector("input") ?? null);
    expect($(tid("total-count"))?.textContent).toBe("2 cases");
    expect($$(tid("filter-chip")).map((c) => c.textContent)).toEqual(["CountryDenmark"]);
    // A query with no Danish case: DK stays listed, with 0.
    await type("heat");
    const dk0 = $(`${tid("facet-value")}[data-facet="country"][data-value="DK"]`);
    expect(dk0?.querySelector(tid("facet-count"))?.textContent).toBe("0");
    expect(dk0?.querySelector<HTMLInputElement>("input")?.checked).toBe(true);
    // Removing the chip clears the filter.
    await click($(".chip-remove"));
    expect($$(tid("filter-chip")).length).toBe(0);
    expect($(tid("total-count"))?.textContent).toBe("2 cases");
  });

  it("nests children under a parent; a parent implies its children", async () => {
    const { store } = await mount();
    const parent = $(`${tid("facet-value")}[data-facet="hazard"][data-value="flooding"]`);
    expect(parent).not.toBeNull();
    await click(parent?.closest(".facet-line")?.querySelector(".disclosure") ?? null);
    const child = $(`${tid("facet-value")}[data-facet="hazard"][data-value="flooding/pluvial"]`);
    expect(child?.closest(".facet-children")).not.toBeNull();
    await click(parent?.querySelector("input") ?? null);
    expect(store.filters.value.hazard).toEqual(["flooding"]);
    expect($(`${tid("facet-value")}[data-value="flooding/pluvial"]`)?.getAttribute("data-state")).toBe("implied");
    // Global clear.
    await click($(tid("clear-all")));
    expect(store.filters.value).toEqual({});
  });
});

describe("keyboard", () => {
  it("arrows move, Enter opens, Esc returns with query and selection intact", async () => {
    await mount();
    const input = $<HTMLInputElement>(tid("search-input"));
    if (!input) throw new Error("no input");
    await type("a");
    const before = $$(tid("result-item")).length;
    input.focus();
    // Esc closes the suggestions; the arrows then move in the results.
    await key(input, "Escape");
    expect($(tid("suggestions"))).toBeNull();
    await key(input, "ArrowDown");
    await key(input, "ArrowDown");
    const items = $$(tid("result-item"));
    expect(items[2]?.getAttribute("aria-selected")).toBe("true");
    expect(items[0]?.getAttribute("aria-selected")).toBe("false");
    await key(input, "ArrowUp");
    expect($$(tid("result-item"))[1]?.getAttribute("aria-selected")).toBe("true");
    const expectedId = $$(tid("result-item"))[1]?.getAttribute("data-id");
    await key(input, "Enter");
    expect($(tid("case-title"))).not.toBeNull();
    expect($(tid("key-facts"))).not.toBeNull();
    await key(document.body, "Escape");
    expect($(tid("case-title"))).toBeNull();
    expect($<HTMLInputElement>(tid("search-input"))?.value).toBe("a");
    expect($$(tid("result-item")).length).toBe(before);
    const sel = $$(tid("result-item")).find((e) => e.getAttribute("aria-selected") === "true");
    expect(sel?.getAttribute("data-id")).toBe(expectedId);
  });

  it("suggests while typing; arrows move, Enter applies, a taxonomy value becomes a filter", async () => {
    const { backend } = await mount();
    const calls: boolean[] = [];
    const search = backend.search.bind(backend);
    backend.search = (r) => {
      calls.push(r.suggest);
      return search(r);
    };
    const input = $<HTMLInputElement>(tid("search-input"));
    if (!input) throw new Error("no input");
    input.focus();
    await type("heat");
    // Asked in the same request as the search.
    expect(calls).toContain(true);
    const items = $$(tid("suggestion"));
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(8);
    const hazardAt = items.findIndex((e) => e.getAttribute("data-kind") === "hazard");
    expect(hazardAt).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= hazardAt; i++) await key(input, "ArrowDown");
    const active = $$(tid("suggestion"))[hazardAt];
    expect(active?.getAttribute("aria-selected")).toBe("true");
    expect(input.getAttribute("aria-activedescendant")).toBe(active?.id);
    const label = active?.textContent ?? "";
    await key(input, "Enter");
    // The value is applied as a filter and its words are not searched.
    expect(input.value).toBe("");
    expect($(tid("suggestions"))).toBeNull();
    const chips = root.querySelector(".results-head")?.textContent ?? "";
    expect(label.length).toBeGreaterThan(0);
    expect(chips).toContain(label.replace(/^Hazard/, ""));
    // Arrow up from the first suggestion wraps back to the search box.
    await type("copen");
    expect($$(tid("suggestion"))[0]?.getAttribute("data-kind")).toBe("city");
    await key(input, "ArrowDown");
    await key(input, "ArrowUp");
    expect(input.getAttribute("aria-activedescendant")).toBeNull();
  });

  it("/ focuses the search box", async () => {
    await mount();
    (document.activeElement as HTMLElement | null)?.blur();
    await key(document.body, "/");
    expect(document.activeElement).toBe($(tid("search-input")));
  });
});

describe("external links", () => {
  it("asks before opening a source, and opens only after confirmation", async () => {
    const { backend } = await mount();
    await click($(`${tid("result-item")}[data-id="copenhagen-cloudburst-plan"]`));
    const link = $(`${tid("sources")} a`);
    const url = link?.getAttribute("href");
    expect(url).toMatch(/^https:\/\//);
    await click(link);
    const dialog = $(tid("confirm-dialog"));
    expect(dialog?.textContent).toContain(`Open ${url} in your browser?`);
    await click($(tid("confirm-cancel")));
    expect($(tid("confirm-dialog"))).toBeNull();
    expect(backend.opened).toEqual([]);
    await click(link);
    await click($(tid("confirm-open")));
    expect(backend.opened).toEqual([url]);
    // The reader is still there: nothing navigated.
    expect($(tid("case-title"))?.textContent).toBe("Cloudburst Management Plan");
  });

  it("intercepts links inside the case HTML the same way", async () => {
    const { backend } = await mount();
    await click($(`${tid("result-item")}[data-id="copenhagen-cloudburst-plan"]`));
    const inBody = $(".case-body a");
    const ev = new MouseEvent("click", { bubbles: true, cancelable: true });
    await act(async () => {
      inBody?.dispatchEvent(ev);
    });
    await settle();
    expect(ev.defaultPrevented).toBe(true);
    expect($(tid("confirm-dialog"))?.textContent).toContain("https://climate-adapt.eea.europa.eu/");
    await key(document.body, "Escape");
    expect($(tid("confirm-dialog"))).toBeNull();
    expect(backend.opened).toEqual([]);
  });

  it("refuses non-https links without asking", async () => {
    const { store, backend } = await mount();
    await act(async () => {
      store.requestOpen("file:///etc/passwd");
    });
    await settle();
    expect($(tid("confirm-dialog"))).toBeNull();
    expect(store.status.value).toContain("https://");
    expect(backend.opened).toEqual([]);
  });
});

describe("problems and language", () => {
  it("shows an internal error from the shell (a caught panic) instead of an empty list", async () => {
    await mount({ searchError: { code: "internal", message: "internal error: search failed unexpectedly (boom)" } });
    const alert = $("[role=alert]");
    expect(alert?.textContent).toContain("Search failed: internal error: search failed unexpectedly (boom)");
  });

  it("switches folders through the shell's dialog and says which folder is open", async () => {
    const { store } = await mount({ pickedFolder: "/home/curator/cases" });
    await act(async () => {
      await store.chooseFolder();
    });
    await settle();
    expect(store.library.value?.cases_dir).toBe("/home/curator/cases");
    expect($(tid("status-message"))?.textContent).toContain("/home/curator/cases");
  });

  it("lists diagnostics with path:line:col and updates the count", async () => {
    await mount();
    expect($(tid("problems-tab"))?.textContent).toContain("2");
    await click($(tid("problems-tab")));
    const items = $$(tid("problem-item"));
    expect(items.length).toBe(2);
    expect(items[0]?.textContent).toContain("eu/ghent-flood-park.md:7:10");
    expect(items[0]?.textContent).toContain("did you mean flooding?");
    expect(items[0]?.querySelector(".problem-hint code")?.textContent).toBe("flooding");
  });

  it("follows the shell's events: progress, diagnostics-changed, library-changed", async () => {
    const { backend, store } = await mount();
    await act(async () => backend.emit.progress({ done: 3, total: 40 }));
    await settle();
    expect($("progress")?.getAttribute("value")).toBe("3");
    expect($(".statusline")?.textContent).toContain("Indexing 3 of 40 files");
    await act(async () =>
      backend.emit.diagnosticsChanged([
        { path: "eu/a.md", line: 2, column: 1, severity: "error", message: "missing `title`", hint: null },
      ]),
    );
    await settle();
    expect($(`${tid("problems-tab")} ${tid("problems-count")}`)?.textContent).toBe("1");
    // library-changed re-runs the current search and refreshes the open case.
    await type("cloudburst");
    await click($(`${tid("result-item")}[data-id="copenhagen-cloudburst-plan"]`));
    let searches = 0;
    let cases = 0;
    const search = backend.search;
    const getCase = backend.getCase;
    backend.search = (r) => ((searches += 1), search(r));
    backend.getCase = (id, l) => ((cases += 1), getCase(id, l));
    await act(async () =>
      backend.emit.libraryChanged({ indexed: 1, unchanged: 9, removed: 0, invalid: 0, diagnostics: 2, rebuilt: false, took_ms: 5 }),
    );
    await settle(80);
    expect(searches).toBe(1);
    expect(cases).toBe(1);
    expect(store.query.value).toBe("cloudburst");
    expect($(tid("case-title"))?.textContent).toBe("Cloudburst Management Plan");
    expect($(".statusline")?.textContent).toContain("Library updated");
    expect($("progress")).toBeNull();
  });

  it("switches the UI to Japanese, with facet labels from the backend", async () => {
    const { backend } = await mount();
    const ja = $$("button").find((b) => b.textContent === "日本語");
    await click(ja ?? null);
    expect($(tid("total-count"))?.textContent).toBe("10 件");
    expect($(`${tid("facet-value")}[data-value="JP"] .facet-text`)?.textContent).toBe("日本");
    expect(backend.settings.get("ui_lang")).toBe("ja");
    // Opening a case with a translation opens it in Japanese.
    await click($(`${tid("result-item")}[data-id="kumagaya-heatstroke-prevention"]`));
    expect($(tid("case-title"))?.textContent).toBe("日本一暑いまちの熱中症対策");
  });
});

async function typeInto(el: Element | null, text: string): Promise<void> {
  if (!el) throw new Error("no field");
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, "value")?.set;
  await act(async () => {
    setter?.call(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await settle();
}

describe("collections", () => {
  it("adds results to a new collection from the list with the A key, and stars them", async () => {
    const { backend } = await mount();
    const list = $(tid("results-list")) ?? $("#results-list");
    await key(list as Element, "a");
    expect($(tid("add-dialog"))).not.toBeNull();
    await typeInto($(tid("add-new-name")), "Heat workshop");
    await click($(tid("add-new-create")));
    expect($(tid("add-dialog"))).toBeNull();
    const first = $$(tid("result-item"))[0];
    expect(first?.querySelector(tid("result-add"))?.textContent).toBe("★");
    const cols = await backend.listCollections();
    expect(cols.map((c) => [c.name, c.count])).toEqual([["Heat workshop", 1]]);
    // The second result through its star; the dialog marks the collection that already holds a case.
    // The next case (a translation of the first is a hit of its own) through its star.
    const other = $$(tid("result-item")).find((li) => li.dataset.id !== first?.dataset.id);
    await click(other?.querySelector(tid("result-add")) ?? null);
    await click($(tid("add-target")));
    expect((await backend.listCollections())[0]?.count).toBe(2);
    await click($$(tid("result-add"))[0] ?? null);
    expect($(tid("add-target"))?.hasAttribute("disabled")).toBe(true);
  });

  it("shows a collection in order, reorders with Alt+arrow, saves notes without a Save button, and undoes a delete", async () => {
    const { backend } = await mount();
    const c = await backend.createCollection("Floods", "");
    await backend.addToCollection(c.id, ["copenhagen-cloudburst-plan", "kumagaya-heatstroke-prevention"]);
    await click($(tid("collections-tab")));
    await click($(tid("collection-link")));
    const ids = () => $$(tid("collection-item")).map((li) => li.dataset.id);
    expect(ids()).toEqual(["copenhagen-cloudburst-plan", "kumagaya-heatstroke-prevention"]);
    const second = $$(tid("collection-item"))[1]?.querySelector(".coll-title");
    await act(async () => {
      second?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowUp", altKey: true, bubbles: true, cancelable: true }));
    });
    await settle();
    expect(ids()).toEqual(["kumagaya-heatstroke-prevention", "copenhagen-cloudburst-plan"]);
    expect((await backend.collection(c.id, null)).items[0]?.id).toBe("kumagaya-heatstroke-prevention");

    await typeInto($$(tid("item-note"))[0] ?? null, "Start here");
    expect($$(tid("item-note-state"))[0]?.textContent).toBe("Saving…");
    await settle(700);
    expect((await backend.collection(c.id, null)).items[0]?.note).toBe("Start here");
    expect($$(tid("item-note-state"))[0]?.textContent).toBe("Saved");

    await click($(tid("delete-collection")));
    expect(await backend.listCollections()).toEqual([]);
    await click($(tid("undo-delete")));
    const back = await backend.listCollections();
    expect(back.map((x) => x.name)).toEqual(["Floods"]);
    const restored = await backend.collection(back[0]?.id ?? -1, null);
    expect(restored.items.map((i) => [i.id, i.note])).toEqual([
      ["kumagaya-heatstroke-prevention", "Start here"],
      ["copenhagen-cloudburst-plan", ""],
    ]);
  });

  it("keeps a personal note on a case, and Back from a case opened in a collection returns to it", async () => {
    const { backend, store } = await mount();
    const c = await backend.createCollection("Notes", "");
    await backend.addToCollection(c.id, ["copenhagen-cloudburst-plan"]);
    await click($(tid("collections-tab")));
    await click($(tid("collection-link")));
    await click($(".coll-title"));
    expect($(tid("case-title"))?.textContent).toBe("Cloudburst Management Plan");
    await typeInto($(tid("personal-note")), "Call the utility");
    await act(async () => {
      $(tid("personal-note"))?.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    });
    await settle(50);
    expect(await backend.getNote("copenhagen-cloudburst-plan")).toBe("Call the utility");
    await click($(tid("back-button")));
    expect(store.view.value).toBe("collections");
    expect($(tid("collection-page"))).not.toBeNull();
  });
});

describe("presenting and comparing", () => {
  it("presents a collection full screen, moves with keys, shows the presenter view, and leaves with Esc", async () => {
    const { backend, store } = await mount();
    const c = await backend.createCollection("Talk", "");
    await backend.addToCollection(c.id, ["copenhagen-cloudburst-plan", "kumagaya-heatstroke-prevention"]);
    await backend.setItemNote(c.id, "kumagaya-heatstroke-prevention", "Ask about schools");
    await click($(tid("collections-tab")));
    await click($(tid("collection-link")));
    await click($(tid("present-collection")));
    expect($(tid("slide-title"))?.textContent).toBe("Cloudburst Management Plan");
    expect(backend.exports.fullscreen).toBe(true);
    await key(document.body, "PageDown");
    expect($(tid("slide"))?.dataset.id).toBe("kumagaya-heatstroke-prevention");
    await key(document.body, "p");
    expect($(tid("presenter-note"))?.textContent).toBe("Ask about schools");
    expect($(tid("presenter-position"))?.textContent).toBe("Slide 2 of 2");
    expect($(tid("presenter-timer"))?.textContent).toMatch(/^0:0\d$/);
    await key(document.body, "Escape");
    expect($(tid("presentation"))).toBeNull();
    expect(backend.exports.fullscreen).toBe(false);
    // Esc left the presentation only, not the collection page behind it.
    expect(store.view.value).toBe("collections");
  });

  it("compares results marked with Ctrl+click, hides rows where all agree, and goes back", async () => {
    await mount();
    const items = () => $$(tid("result-item"));
    const ids = [...new Set(items().map((li) => li.dataset.id))].slice(0, 2);
    for (const id of ids) {
      const li = items().find((x) => x.dataset.id === id);
      await act(async () => {
        li?.dispatchEvent(new MouseEvent("click", { bubbles: true, ctrlKey: true }));
      });
      await settle();
    }
    expect($(tid("picked-actions"))?.textContent).toContain("2 marked");
    expect($(tid("case-title"))).toBeNull(); // Ctrl+click marks, it does not open
    await click($(tid("compare-picked")));
    expect($$(tid("compare-case")).map((th) => th.textContent)).toHaveLength(2);
    const rows = () => $$(tid("compare-row")).map((r) => r.dataset.key);
    expect(rows()).toContain("city");
    const before = rows().length;
    await click($(tid("hide-same")));
    expect(rows().length).toBeLessThan(before);
    expect(rows()).toContain("city");
    await click($(tid("back-button")) ?? $(".compare-pane .button-quiet"));
    expect($(tid("compare-view"))).toBeNull();
    expect($$(tid("result-item")).length).toBeGreaterThan(0);
  });
});

describe("typing shows results", () => {
  it("closes a case open over the list and keeps the focus in the search box", async () => {
    const { store } = await mount();
    await click($(tid("result-item")));
    expect(store.openCase.value).not.toBeNull();
    expect(root.querySelector(".app")?.classList.contains("has-reader")).toBe(true);
    $<HTMLInputElement>(tid("search-input"))?.focus();
    await type("heat");
    expect(store.openCase.value).toBeNull();
    expect(root.querySelector(".app")?.classList.contains("has-reader")).toBe(false);
    expect($$(tid("result-item")).length).toBeGreaterThan(0);
    expect(document.activeElement).toBe($(tid("search-input")));
  });

  it("leaves the Problems view", async () => {
    const { store } = await mount();
    await act(async () => {
      store.view.value = "problems";
    });
    await settle();
    expect($(".results-wrap")?.classList.contains("is-covered")).toBe(true);
    await type("heat");
    expect(store.view.value).toBe("results");
    expect($(".results-wrap")?.classList.contains("is-covered")).toBe(false);
  });

  it("says how many case files are left out, and opens or copies a problem's file", async () => {
    const { store, backend } = await mount();
    // The mock library has one file with an error: the results say so and link to Problems.
    const notice = $(tid("hidden-by-problems"));
    expect(notice?.textContent).toContain("1 case file is left out because of an error.");
    await click(notice?.querySelector("button") ?? null);
    expect(store.view.value).toBe("problems");
    const first = $(tid("problem-item"));
    await click(first?.querySelector(tid("problem-open")) ?? null);
    await settle();
    expect(backend.opened).toContain("eu/ghent-flood-park.md:7");
    expect($(tid("status-message"))?.textContent).toBe("Opened eu/ghent-flood-park.md");
    let copied = "";
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async (s: string) => void (copied = s) } });
    await click(first?.querySelector(tid("problem-copy")) ?? null);
    await settle();
    expect(copied).toBe(`${store.library.value?.cases_dir}/eu/ghent-flood-park.md`);
    // A Windows folder keeps its own separator.
    await act(async () => {
      store.library.value = { ...store.library.value!, cases_dir: "C:\\Users\\me\\cases\\" };
    });
    expect(store.absolutePath("eu/a.md")).toBe("C:\\Users\\me\\cases\\eu\\a.md");
  });

  it("keeps the reader beside the list on a wide window", async () => {
    const original = window.matchMedia;
    window.matchMedia = ((q: string) => ({ matches: /min-width/.test(q), media: q, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;
    try {
      const { store } = await mount();
      await click($(tid("result-item")));
      const id = store.openCase.value?.id;
      expect(id).toBeTruthy();
      await type("heat");
      expect(store.openCase.value?.id).toBe(id);
      expect($$(tid("result-item")).length).toBeGreaterThan(0);
    } finally {
      window.matchMedia = original;
    }
  });
});

describe("startup", () => {
  it("shows indexing progress, never 'No cases match', while the first index is built", async () => {
    const backend = createMockBackend();
    const realSearch = backend.search;
    const realInfo = backend.libraryInfo;
    let indexed = false;
    backend.search = async (r) => {
      const res = await realSearch(r);
      return indexed ? res : { ...res, hits: [], total: 0, facets: {} };
    };
    backend.libraryInfo = async () => ({ ...(await realInfo()), cases: indexed ? (await realInfo()).cases : 0, docs: indexed ? (await realInfo()).docs : 0 });
    const store = new Store(backend);
    await act(async () => {
      reactRoot.render(<App store={store} />);
    });
    await act(async () => {
      await store.init();
    });
    await settle();
    expect(root.textContent).not.toContain("No cases match");
    expect($(tid("total-count"))?.textContent).toBe("Opening the library…");
    await act(async () => {
      backend.emit.progress({ done: 12, total: 106 });
    });
    await settle();
    expect($(tid("starting"))?.textContent).toContain("12 of 106 files");
    expect($(tid("total-count"))?.textContent).not.toContain("0 cases");
    expect(root.textContent).not.toContain("No cases match");
    indexed = true;
    await act(async () => {
      backend.emit.progress({ done: 106, total: 106 });
      backend.emit.libraryChanged({ indexed: 106, unchanged: 0, removed: 0, invalid: 0, diagnostics: 0, rebuilt: false, took_ms: 5 });
    });
    await settle(80);
    expect($(tid("starting"))).toBeNull();
    expect($$(tid("result-item")).length).toBeGreaterThan(0);
  });

  it("says 'No cases match' once the library is ready", async () => {
    await mount();
    await type("zzzqqqxxnothing");
    expect($(tid("starting"))).toBeNull();
    expect(root.textContent).toContain("No cases match");
  });
});

describe("country names", () => {
  it("shows names, never codes, in related cards and the case header, in both languages", async () => {
    const { store } = await mount();
    // Narrow the facets so most countries are not among them.
    await type("cloudburst");
    await click($(tid("result-item")));
    await settle(80);
    const place = () => $(".case-place")?.textContent ?? "";
    const related = () => $$(tid("related-item")).map((e) => e.querySelector(".muted")?.textContent ?? "");
    expect(related().length).toBeGreaterThan(0);
    const code = /(^|[\s,、·])[A-Z]{2}($|[\s,、·])/;
    for (const r of related()) expect(r).not.toMatch(code);
    expect(place()).not.toMatch(code);
    expect(place()).toContain("Denmark");
    await act(async () => {
      await store.setLang("ja");
    });
    await settle(80);
    expect(place()).toContain("デンマーク");
    expect(place()).toContain("、");
    for (const r of related()) expect(r).not.toMatch(code);
  });
});

describe("text size", () => {
  it("Ctrl+= / Ctrl+- / Ctrl+0 zoom, remembered in the settings", async () => {
    const { backend } = await mount();
    const press = async (k: string) => {
      await act(async () => {
        document.dispatchEvent(new KeyboardEvent("keydown", { key: k, ctrlKey: true, bubbles: true, cancelable: true }));
      });
      await settle(10);
    };
    await press("=");
    await press("=");
    expect(document.documentElement.dataset.zoom).toBe("1.25");
    expect(await backend.getSetting("zoom")).toBe("1.25");
    await press("-");
    expect(document.documentElement.dataset.zoom).toBe("1.1");
    await press("0");
    expect(document.documentElement.dataset.zoom).toBe("1");
    expect(await backend.getSetting("zoom")).toBe("1");
    act(() => reactRoot.unmount());
    reactRoot = createRoot(root);
    await mount({ settings: new Map([["zoom", "1.5"]]) });
    expect(document.documentElement.dataset.zoom).toBe("1.5");
    delete document.documentElement.dataset.zoom;
  });
});

describe("context menu", () => {
  const rightClick = async (el: Element | null) => {
    if (!el) throw new Error("nothing to right-click");
    let prevented = false;
    await act(async () => {
      const e = new MouseEvent("contextmenu", { bubbles: true, cancelable: true, clientX: 20, clientY: 30 });
      el.dispatchEvent(e);
      prevented = e.defaultPrevented;
    });
    await settle(10);
    return prevented;
  };

  it("offers Open case on a result, Copy link on a source, nothing of the web view's", async () => {
    const { store } = await mount();
    const item = $(tid("result-item"));
    expect(await rightClick(item?.querySelector(".result-title") ?? null)).toBe(true);
    const actions = () => $$(`${tid("context-menu")} [role="menuitem"]`).map((b) => b.dataset.action);
    expect(actions()).toEqual(["open_case"]);
    await click($(`${tid("context-menu")} [data-action="open_case"]`));
    await settle(60);
    expect(store.openCase.value?.id).toBe(item?.getAttribute("data-id"));
    expect($(tid("context-menu"))).toBeNull();

    let copied = "";
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async (s: string) => void (copied = s) } });
    const source = $(".source-link");
    expect(await rightClick(source)).toBe(true);
    expect(actions()).toEqual(["copy_link"]);
    await click($(`${tid("context-menu")} [data-action="copy_link"]`));
    expect(copied).toBe(source?.getAttribute("href"));
    expect($(tid("status-message"))?.textContent).toBe("Copied");

    // An empty spot: the web view's menu is suppressed and none of ours opens.
    expect(await rightClick($(".statusline"))).toBe(true);
    expect($(tid("context-menu"))).toBeNull();
    // The search box keeps the system menu (cut, paste).
    expect(await rightClick($(tid("search-input")))).toBe(false);
  });
});

describe("density", () => {
  it("has a skip link first, and a compact list mode that is remembered", async () => {
    const { backend } = await mount();
    const first = root.querySelector(".app")?.querySelector("a, button, input, select, [tabindex]");
    expect(first?.getAttribute("data-testid")).toBe("skip-link");
    await click($(tid("skip-link")));
    expect(document.activeElement?.id).toBe("results-list");
    const toggle = $(tid("density-toggle"));
    expect(toggle?.getAttribute("aria-pressed")).toBe("false");
    await click(toggle);
    expect($(tid("density-toggle"))?.getAttribute("aria-pressed")).toBe("true");
    expect(document.documentElement.dataset.density).toBe("compact");
    expect(await backend.getSetting("list_density")).toBe("compact");
    act(() => reactRoot.unmount());
    delete document.documentElement.dataset.density;
    reactRoot = createRoot(root);
    await mount({ settings: new Map([["list_density", "compact"]]) });
    expect(document.documentElement.dataset.density).toBe("compact");
    expect($(tid("density-toggle"))?.getAttribute("aria-pressed")).toBe("true");
    await click($(tid("density-toggle")));
    expect(document.documentElement.dataset.density).toBeUndefined();
  });
});

describe("history", () => {
  it("Back returns to the case the user came from, then the list; Forward and mouse buttons too", async () => {
    const { store } = await mount();
    await type("flood");
    const list = $(".results-wrap");
    if (list) list.scrollTop = 150;
    const firstId = $(tid("result-item"))?.getAttribute("data-id");
    await click($(tid("result-item")));
    await settle(60);
    expect(store.openCase.value?.id).toBe(firstId);
    const related = $(tid("related-item"));
    const relatedId = related?.getAttribute("data-id");
    expect(relatedId).toBeTruthy();
    await click(related);
    await settle(60);
    expect(store.openCase.value?.id).toBe(relatedId);
    // The reader's Back: the case the user came from, not the list.
    await click($(tid("back-button")));
    await settle(60);
    expect(store.openCase.value?.id).toBe(firstId);
    // The list scrolled elsewhere meanwhile (the list under the reader is re-rendered).
    const wrap = $(".results-wrap");
    if (wrap) wrap.scrollTop = 0;
    // Esc: the list, with its query and scroll position.
    await key(document.body, "Escape");
    await settle(60);
    expect(store.openCase.value).toBeNull();
    expect(store.query.value).toBe("flood");
    expect($(".results-wrap")?.scrollTop).toBe(150);
    // Alt+Right: forward to the case; mouse button 4: back again.
    await act(async () => {
      document.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", altKey: true, bubbles: true, cancelable: true }));
    });
    await settle(60);
    expect(store.openCase.value?.id).toBe(firstId);
    await act(async () => {
      document.dispatchEvent(new MouseEvent("mouseup", { button: 3, bubbles: true, cancelable: true }));
    });
    await settle(60);
    expect(store.openCase.value).toBeNull();
    await act(async () => {
      document.dispatchEvent(new MouseEvent("mouseup", { button: 4, bubbles: true, cancelable: true }));
    });
    await settle(60);
    expect(store.openCase.value?.id).toBe(firstId);
  });
});
