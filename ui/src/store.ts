// Application state (observable cells from signal.ts) and the actions that change it. One `Store` per app
// instance so tests get a fresh one.

import { batch, computed, signal } from "./signal";
import { toApiError, type Backend, type LibraryInfo } from "./api";
import type { CaseView } from "./bindings/CaseView";
import type { Diagnostic } from "./bindings/Diagnostic";
import type { FacetCount } from "./bindings/FacetCount";
import type { Hit } from "./bindings/Hit";
import type { IndexReport } from "./bindings/IndexReport";
import type { Progress } from "./bindings/Progress";
import type { SearchRequest } from "./bindings/SearchRequest";
import type { SearchResponse } from "./bindings/SearchResponse";
import type { Suggestion } from "./bindings/Suggestion";
import type { Taxonomy } from "./bindings/Taxonomy";
import { clearFacet, removeValue, toggle, type Filters } from "./facets";
import { format, uiLang, type Lang } from "./i18n";
import { Latest } from "./latest";
import { Workshop } from "./workshop";
import { buildSlides, Presentation, PresentState, type SlideLabels } from "./present/state";
import { isWide } from "./layout";
import { countryName } from "./places";
import { mark, markFirstResults, SEARCH_RECEIVED, SEARCH_SENT } from "./perf";

/** Hits fetched per page. */
export const PAGE_SIZE = 25;

/** A search shows the list's spinner only once its answer has taken this long: a fast answer
 * (most keystrokes) then costs the list one render and one repaint, not two (spinner in,
 * spinner out). The spinner's own CSS fades it in later still. */
export const SPINNER_DELAY_MS = 100;

/** The theme setting. */
export type Theme = "light" | "dark" | "system";

/** The open case in the reader. */
export interface OpenCase {
  id: string;
  view: CaseView | null;
  related: Hit[];
  error: string | null;
}

/** A search request the UI is about to send plus whether it appends a page. */
interface SearchCall {
  request: SearchRequest;
  append: boolean;
}

/** All state of the app and its actions. */
export class Store {
  // --- search inputs
  readonly query = signal("");
  readonly filters = signal<Filters>({});
  readonly from = signal<number | null>(null);
  readonly to = signal<number | null>(null);
  // --- search outputs
  readonly hits = signal<Hit[]>([]);
  readonly total = signal(0);
  readonly facets = signal<Record<string, FacetCount[]>>({});
  readonly corrected = signal<string | null>(null);
  /** Other forms the core searched too ("also searched: …"). */
  readonly alsoSearched = signal<string[]>([]);
  /** Suggestions for what is being typed, and whether the list under the box is shown. */
  readonly suggestions = signal<Suggestion[]>([]);
  readonly suggestOpen = signal(false);
  /** Index of the highlighted suggestion; -1 when none is. */
  readonly suggestIndex = signal(-1);
  readonly tookMs = signal(0);
  readonly searching = signal(false);
  readonly searchError = signal<string | null>(null);
  /** Whether at least one search has completed (to avoid flashing "no results"). */
  readonly searchedOnce = signal(false);
  /** Index of the highlighted result (keyboard selection). */
  readonly selected = signal(0);
  // --- other views
  readonly openCase = signal<OpenCase | null>(null);
  readonly view = signal<"results" | "problems" | "collections" | "compare">("results");
  /** Collections, notes and exports. */
  readonly workshop: Workshop;
  /** Presenting and comparing. */
  readonly present = new PresentState();
  readonly diagnostics = signal<Diagnostic[]>([]);
  readonly taxonomy = signal<Taxonomy>({ facets: {} });
  readonly library = signal<LibraryInfo | null>(null);
  readonly theme = signal<Theme>("system");
  readonly settingsOpen = signal(false);
  readonly filtersOpen = signal(false);
  /** The external URL waiting for the user's confirmation. */
  readonly confirmUrl = signal<string | null>(null);
  readonly progress = signal<Progress | null>(null);
  /** Whether the shell has not yet reported the end of the first index run (startup). */
  readonly firstRunPending = signal(true);
  /** While the library is still being opened or first indexed and nothing is there to show:
   * the list says so instead of "No cases match". */
  readonly starting = computed(
    () =>
      this.hits.value.length === 0 &&
      (this.progress.value !== null || (this.firstRunPending.value && (this.library.value?.cases ?? 0) === 0)),
  );
  readonly status = signal<string | null>(null);
  readonly errors = computed(() => this.diagnostics.value.filter((d) => d.severity === "error").length);
  readonly hasMore = computed(() => this.hits.value.length < this.total.value);

  private readonly searcher: Latest<SearchCall, SearchResponse>;
  private readonly caseLoader: Latest<{ id: string; lang: string | null }, [CaseView, Hit[]]>;
  /** The view to go back to when the reader closes, if not the results. */
  private returnView: "collections" | null = null;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  /** Sets `searching` once a search is slow (see [`SPINNER_DELAY_MS`]). */
  private searchingTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly backend: Backend) {
    this.workshop = new Workshop(backend, (m) => this.flash(m));
    this.searcher = new Latest(
      (c) => {
        mark(SEARCH_SENT);
        return backend.search(c.request).then((res) => {
          mark(SEARCH_RECEIVED);
          return res;
        });
      },
      (res, c) => this.applySearch(res, c.append),
      (err) => {
        batch(() => {
          this.stopSearching();
          this.searchError.value = toApiError(err).message;
        });
      },
    );
    this.caseLoader = new Latest(
      async ({ id, lang }) => {
        const view = await backend.getCase(id, lang);
        // Related cases are secondary: a failure there must not hide the case.
        const related = await backend.related(id, 8).catch(() => [] as Hit[]);
        return [view, dedupeById(related, id).slice(0, 6)] as [CaseView, Hit[]];
      },
      ([view, related], { id }) => {
        this.openCase.value = { id, view, related, error: null };
      },
      (err, { id }) => {
        this.openCase.value = { id, view: null, related: [], error: toApiError(err).message };
      },
    );
  }

  /** The request for the current inputs. */
  request(offset = 0, limit = PAGE_SIZE): SearchRequest {
    const filters: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(this.filters.value)) if (v.length > 0) filters[k] = [...v];
    return {
      query: this.query.value,
      filters,
      from: this.from.value,
      to: this.to.value,
      limit,
      offset,
      ui_lang: uiLang.value,
      // Suggestions come with the first page of a typed query, in the same request.
      suggest: offset === 0 && this.query.value.trim() !== "",
    };
  }

  private applySearch(res: SearchResponse, append: boolean): void {
    batch(() => {
      this.hits.value = append ? [...this.hits.value, ...res.hits] : res.hits;
      this.total.value = res.total;
      // Unchanged counts keep their object, so the facet panel does not re-render for them
      // (most keystrokes that refine a word leave the facets as they were).
      if (JSON.stringify(res.facets) !== JSON.stringify(this.facets.value)) this.facets.value = res.facets;
      this.corrected.value = res.corrected;
      this.alsoSearched.value = res.also_searched;
      if (!append) {
        this.suggestions.value = res.suggestions;
        this.suggestIndex.value = -1;
      }
      this.tookMs.value = res.took_ms;
      this.stopSearching();
      this.searchError.value = null;
      this.searchedOnce.value = true;
      if (!append) this.selected.value = 0;
    });
    markFirstResults(res.hits.length);
  }

  /** Runs the search for the current inputs now (first page). Keeps `keep` hits loaded, so a
   * refresh after a library change does not collapse a list the user paged through. */
  search(keep = PAGE_SIZE): Promise<unknown> {
    this.startSearching();
    return this.searcher.call({ request: this.request(0, Math.max(PAGE_SIZE, keep)), append: false });
  }

  /** Fetches the next page and appends it. */
  loadMore(): Promise<unknown> {
    this.startSearching();
    return this.searcher.call({ request: this.request(this.hits.value.length), append: true });
  }

  /** Marks a search as under way: `searching` turns on after [`SPINNER_DELAY_MS`] unless an
   * answer came first. */
  private startSearching(): void {
    if (this.searchingTimer !== null || this.searching.value) return;
    this.searchingTimer = setTimeout(() => {
      this.searchingTimer = null;
      this.searching.value = true;
    }, SPINNER_DELAY_MS);
  }

  /** The latest search was answered (or failed): no spinner. */
  private stopSearching(): void {
    if (this.searchingTimer !== null) {
      clearTimeout(this.searchingTimer);
      this.searchingTimer = null;
    }
    this.searching.value = false;
  }

  /** Typing always brings the results into view: the Problems view gives way, and a case
   * open over the list closes (beside the list, on a wide window, it stays). */
  setQuery(q: string): void {
    batch(() => {
      this.query.value = q;
      if (this.view.value !== "results") this.view.value = "results";
    });
    if (this.openCase.value !== null && !isWide()) this.closeCase();
    this.suggestOpen.value = q.trim() !== "";
    // Every keystroke sends its search at once, without a debounce: the IPC call is
    // asynchronous and stale answers are dropped (latest.ts), which measured fastest end to end.
    void this.search();
  }

  /** Moves the suggestion highlight by `delta` (wrapping; -1 is the search box itself). */
  moveSuggestion(delta: number): void {
    const n = this.suggestions.value.length;
    if (n === 0) return;
    const next = this.suggestIndex.value + delta;
    this.suggestIndex.value = next < -1 ? n - 1 : next >= n ? -1 : next;
  }

  /** Applies a suggestion: a taxonomy value becomes a filter (its words are not searched), a
   * city is searched by name, a case opens. */
  applySuggestion(s: Suggestion): void {
    batch(() => {
      this.suggestOpen.value = false;
      this.suggestIndex.value = -1;
    });
    if (s.kind === "case") {
      void this.open(s.value);
    } else if (s.kind === "city") {
      this.query.value = `${s.label} `;
      void this.search();
    } else {
      const current = this.filters.value[s.kind] ?? [];
      this.query.value = "";
      this.setFilters({ ...this.filters.value, [s.kind]: current.includes(s.value) ? current : [...current, s.value] });
    }
  }

  setFilters(f: Filters): void {
    this.filters.value = f;
    void this.search();
  }

  /** Toggles a facet value (see [`toggle`]). */
  toggleFacet(facet: string, id: string): void {
    const known = (this.facets.value[facet] ?? []).map((c) => c.id);
    const taxo = this.taxonomy.value.facets[facet]?.values.map((v) => v.id) ?? [];
    this.setFilters(toggle(this.filters.value, facet, id, [...new Set([...taxo, ...known])]));
  }

  removeFilter(facet: string, id: string): void {
    this.setFilters(removeValue(this.filters.value, facet, id));
  }

  clearFacet(facet: string): void {
    this.setFilters(clearFacet(this.filters.value, facet));
  }

  clearAll(): void {
    batch(() => {
      this.from.value = null;
      this.to.value = null;
    });
    this.setFilters({});
  }

  setYears(from: number | null, to: number | null): void {
    batch(() => {
      this.from.value = from;
      this.to.value = to;
    });
    void this.search();
  }

  /** Label of a facet value in the UI language, from the taxonomy or the latest counts. */
  labelOf(facet: string, id: string): string {
    // Countries are named in one place, whether or not they are among the current facets.
    if (facet === "country") return countryName(id);
    const v = this.taxonomy.value.facets[facet]?.values.find((x) => x.id === id);
    if (v) return uiLang.value === "ja" ? v.ja : v.en;
    return this.facets.value[facet]?.find((c) => c.id === id)?.label ?? id;
  }

  /** Moves the keyboard selection by `delta`, clamped to the list. */
  move(delta: number): void {
    const n = this.hits.value.length;
    if (n === 0) return;
    this.selected.value = Math.min(n - 1, Math.max(0, this.selected.value + delta));
  }

  /** Opens the case `id` in the reader, in the UI language when a translation exists. */
  open(id: string, lang: string | null = uiLang.value): Promise<unknown> {
    const idx = this.hits.value.findIndex((h) => h.id === id);
    if (this.view.value === "collections") this.returnView = "collections";
    if (this.view.value === "compare") this.present.comparing.value = null;
    batch(() => {
      if (idx >= 0) this.selected.value = idx;
      const prev = this.openCase.value;
      this.openCase.value = { id, view: prev?.id === id ? prev.view : null, related: prev?.id === id ? prev.related : [], error: null };
      this.view.value = "results";
    });
    void this.workshop.loadNote(id);
    return this.caseLoader.call({ id, lang });
  }

  /** Closes the reader; the result list keeps its query, filters, scroll and selection. */
  closeCase(): void {
    this.caseLoader.cancel();
    batch(() => {
      this.openCase.value = null;
      // A case opened from a collection goes back to that collection.
      if (this.returnView !== null) this.view.value = this.returnView;
      this.returnView = null;
    });
  }

  /** Sets and persists the UI language; facet labels come back from the core in it. */
  async setLang(lang: Lang): Promise<void> {
    uiLang.value = lang;
    document.documentElement.lang = lang;
    void this.search(this.hits.value.length);
    // The open collection shows its cases' titles in the interface language too.
    void this.workshop.refresh();
    const open = this.openCase.value;
    if (open?.view && open.view.languages.includes(lang) && open.view.lang !== lang) void this.open(open.id, lang);
    await this.backend.setSetting("ui_lang", lang).catch(() => undefined);
  }

  /** Sets and persists the theme. */
  async setTheme(theme: Theme): Promise<void> {
    this.theme.value = theme;
    applyTheme(theme);
    await this.backend.setSetting("theme", theme).catch(() => undefined);
  }

  /** Asks to open an external link; only https is offered. */
  requestOpen(url: string): void {
    if (!/^https:\/\//i.test(url)) {
      this.flash(format(uiLang.value, "open_link_refused"));
      return;
    }
    this.confirmUrl.value = url;
  }

  /** The user confirmed (true) or cancelled (false) the pending external link. */
  async confirmOpen(ok: boolean): Promise<void> {
    const url = this.confirmUrl.value;
    this.confirmUrl.value = null;
    if (!ok || url === null) return;
    try {
      await this.backend.openExternal(url);
    } catch (e) {
      this.flash(format(uiLang.value, "open_link_failed", { message: toApiError(e).message }));
    }
  }

  /** Opens the file of a problem at its line in the curator's editor (or the system's default). */
  async openProblem(path: string, line: number): Promise<void> {
    try {
      await this.backend.openProblem(path, line);
      this.flash(format(uiLang.value, "problem_opened", { path }));
    } catch (e) {
      this.flash(format(uiLang.value, "problem_open_failed", { message: toApiError(e).message }));
    }
  }

  /** The absolute path of a file of the cases folder, with the folder's own separator. */
  absolutePath(rel: string): string {
    const dir = this.library.value?.cases_dir ?? "";
    if (dir === "") return rel;
    const sep = dir.includes("\\") && !dir.includes("/") ? "\\" : "/";
    return dir.replace(/[\\/]+$/, "") + sep + rel.split("/").join(sep);
  }

  /** Shows a transient message in the status line. */
  flash(message: string, ms = 6000): void {
    this.status.value = message;
    if (this.statusTimer !== null) clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      if (this.status.value === message) this.status.value = null;
    }, ms);
  }

  /** Asks for a folder and switches the library to it. */
  async chooseFolder(): Promise<void> {
    try {
      const info = await this.backend.chooseCasesFolder(format(uiLang.value, "choose_folder_title"));
      if (info === null) return;
      this.library.value = info;
      this.flash(format(uiLang.value, "folder_changed", { path: info.cases_dir }));
      await this.refreshAll();
    } catch (e) {
      this.flash(toApiError(e).message);
    }
  }

  readonly reindexing = signal(false);

  /** Re-indexes the library now (the shell also emits `library-changed`). */
  async reindex(): Promise<void> {
    if (this.reindexing.value) return;
    this.reindexing.value = true;
    try {
      // The refresh follows from the `library-changed` event the shell emits after the run.
      await this.backend.reindex();
    } catch (e) {
      this.flash(toApiError(e).message);
    } finally {
      this.reindexing.value = false;
    }
  }

  /** Reloads everything derived from the library (after a folder switch or a re-index). */
  async refreshAll(): Promise<void> {
    const [tax, diags, info] = await Promise.all([
      this.backend.taxonomy().catch(() => this.taxonomy.value),
      this.backend.diagnostics().catch(() => this.diagnostics.value),
      this.backend.libraryInfo().catch(() => this.library.value),
    ]);
    batch(() => {
      this.taxonomy.value = tax;
      this.diagnostics.value = diags;
      this.library.value = info;
    });
    await Promise.all([this.search(this.hits.value.length), this.workshop.refresh()]);
    const open = this.openCase.value;
    if (open) await this.open(open.id, open.view?.lang ?? uiLang.value);
  }

  /** Labels for slides in the UI language. */
  private slideLabels(): SlideLabels {
    const l = uiLang.value;
    return {
      years: format(l, "fact_years"),
      status: format(l, "fact_status"),
      type: format(l, "fact_type"),
      population: format(l, "fact_population"),
      hazards: format(l, "facet_hazard"),
      placeJoin: format(l, "place_join"),
      country: (c) => this.labelOf("country", c),
      statusName: (s) => this.labelOf("status", s),
      typeName: (s) => this.labelOf("type", s),
      number: (n) => n.toLocaleString(l === "ja" ? "ja-JP" : "en-GB"),
    };
  }

  /** Presents collection `id` full screen, from its first case. */
  async presentCollection(id: number): Promise<void> {
    try {
      await this.workshop.show(id);
      const view = this.workshop.current.value;
      if (view === null || view.items.length === 0) {
        this.flash(format(uiLang.value, "present_empty"));
        return;
      }
      const slides = await buildSlides(this.backend, view, uiLang.value, this.slideLabels());
      this.present.start(new Presentation(view.collection.name, slides));
      await this.backend.setFullscreen(true).catch(() => undefined);
    } catch (e) {
      this.flash(toApiError(e).message);
    }
  }

  /** Leaves the presentation and full screen. */
  async stopPresenting(): Promise<void> {
    this.present.stop();
    await this.backend.setFullscreen(false).catch(() => undefined);
  }

  /** Shows cases `ids` (two to four) side by side. */
  compare(ids: string[]): void {
    const unique = [...new Set(ids)].slice(0, 4);
    if (unique.length < 2) {
      this.flash(format(uiLang.value, "compare_need_two"));
      return;
    }
    if (this.view.value === "collections") this.returnView = "collections";
    batch(() => {
      this.openCase.value = null;
      this.present.comparing.value = unique;
      this.view.value = "compare";
    });
  }

  /** Leaves the comparison for where it was opened from. */
  closeCompare(): void {
    batch(() => {
      this.present.comparing.value = null;
      this.view.value = this.returnView ?? "results";
      this.returnView = null;
    });
  }

  /** Opens the add-to-collection dialog for the selected result. */
  addSelected(): void {
    const hit = this.hits.value[this.selected.value];
    if (hit) void this.workshop.startAdding([hit.id]);
  }

  /** Exports the current results (all of them, up to 1000) through the save dialog. */
  async exportResults(fmt: "csv" | "json"): Promise<void> {
    try {
      const request = this.request(0, Math.min(1000, Math.max(PAGE_SIZE, this.total.value)));
      const name = await this.backend.exportSearch({ ...request, suggest: false }, fmt, uiLang.value);
      if (name !== null) this.flash(format(uiLang.value, "exported_to", { name }));
    } catch (e) {
      this.flash(toApiError(e).message);
    }
  }

  /** Reaction to `library-changed`. */
  onLibraryChanged(report: IndexReport): void {
    batch(() => {
      this.progress.value = null;
      this.firstRunPending.value = false;
    });
    const changed = report.indexed + report.removed > 0;
    this.flash(
      changed
        ? format(uiLang.value, "status_updated_detail", {
            indexed: report.indexed,
            removed: report.removed,
            invalid: report.invalid,
          })
        : format(uiLang.value, "status_updated"),
    );
    void this.refreshAll();
  }

  /** Loads settings and the library, subscribes to events, runs the first search. */
  async init(): Promise<void> {
    const b = this.backend;
    const [lang, theme] = await Promise.all([
      b.getSetting("ui_lang").catch(() => null),
      b.getSetting("theme").catch(() => null),
    ]);
    if (lang === "en" || lang === "ja") uiLang.value = lang;
    // Store the language picked from the system, so the shell's menu follows it too.
    else void b.setSetting("ui_lang", uiLang.value).catch(() => undefined);
    document.documentElement.lang = uiLang.value;
    if (theme === "light" || theme === "dark" || theme === "system") this.theme.value = theme;
    applyTheme(this.theme.value);
    await Promise.all([
      b.onIndexProgress((p) => {
        this.progress.value = p.done >= p.total ? null : p;
      }),
      b.onLibraryChanged((r) => this.onLibraryChanged(r)),
      b.onDiagnosticsChanged((d) => {
        // Also sent when an index run failed: startup is over either way.
        batch(() => {
          this.diagnostics.value = d;
          this.firstRunPending.value = false;
        });
      }),
    ]);
    await this.refreshAll();
  }
}

/** Applies a theme to the document (`system` follows `prefers-color-scheme` in CSS). */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** One hit per case id (a case and its translation are separate files), never `self`. */
export function dedupeById(hits: Hit[], self: string): Hit[] {
  const seen = new Set<string>([self]);
  return hits.filter((h) => (seen.has(h.id) ? false : (seen.add(h.id), true)));
}
