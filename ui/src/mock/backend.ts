// In-memory stand-in for the desktop shell, used in a plain browser and in tests. It follows
// the search semantics of the README's search syntax closely enough to exercise the UI (AND of words, last word
// as prefix, disjunctive facet counts, parent selects children, year range); it is not a search
// engine.

import type { Backend, LibraryInfo } from "../api";
import { ApiError } from "../api";
import type { CaseView } from "../bindings/CaseView";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { FacetCount } from "../bindings/FacetCount";
import type { Hit } from "../bindings/Hit";
import type { IndexReport } from "../bindings/IndexReport";
import type { Progress } from "../bindings/Progress";
import type { SearchRequest } from "../bindings/SearchRequest";
import type { SearchResponse } from "../bindings/SearchResponse";
import type { Suggestion } from "../bindings/Suggestion";
import type { Taxonomy } from "../bindings/Taxonomy";
import { escapeHtml } from "../sanitize";
import { createMockWorkshop, type MockExports } from "./collections";
import { MOCK_CASES, type MockCase } from "./data";
import { exploreValues, mockExplore } from "./explore";
import { BUILTIN_LABELS, TAXONOMY_FIXTURE as MOCK_TAXONOMY } from "../bindings/constants";

const FACETS = ["hazard", "sector", "measure", "region", "country", "programme", "type", "status", "language", "population", "coastal"];


const DIAGNOSTICS: Diagnostic[] = [
  {
    path: "eu/ghent-flood-park.md",
    line: 7,
    column: 10,
    severity: "error",
    message: "unknown hazard `flood`",
    hint: "did you mean `flooding`?",
  },
  {
    path: "japan/kitakyushu-eco-town.md",
    line: 22,
    column: 1,
    severity: "warning",
    message: "outcome `CO2 reduction` has no unit",
    hint: "add `unit:` (for example `t CO2/yr`)",
  },
];

function label(facet: string, id: string, lang: string): string {
  const row = MOCK_TAXONOMY[facet]?.find((r) => r[0] === id);
  const pair = row ? [row[1], row[2]] : BUILTIN_LABELS[`${facet}:${id}`];
  if (!pair) return id;
  return (lang === "ja" ? pair[1] : pair[0]) ?? id;
}

function values(c: MockCase, facet: string): string[] {
  const m = c.meta;
  switch (facet) {
    case "hazard":
      return m.hazards;
    case "sector":
      return m.sectors;
    case "measure":
      return m.measures;
    case "region":
      return [m.region];
    case "country":
      return [m.country];
    case "programme":
      return m.programmes;
    case "type":
      return [m.type];
    case "status":
      return [m.status];
    case "language":
      return [c.lang];
    default:
      return exploreValues(c, facet) ?? [];
  }
}

/** Whether the value `v` (possibly a child) falls under the selected `sel` (possibly a parent). */
function under(v: string, sel: string): boolean {
  return v === sel || v.startsWith(sel + "/");
}

function passesFilters(c: MockCase, req: SearchRequest, skipFacet: string | null): boolean {
  for (const [facet, selected] of Object.entries(req.filters)) {
    if (facet === skipFacet || selected.length === 0) continue;
    const vs = values(c, facet);
    if (!selected.some((s) => vs.some((v) => under(v, s)))) return false;
  }
  const y = c.meta.started;
  if (req.from !== null && (y === null || y < req.from)) return false;
  if (req.to !== null && (y === null || y > req.to)) return false;
  return true;
}

function haystack(c: MockCase): string {
  const m = c.meta;
  return [m.title, m.city, m.summary, c.html.replace(/<[^>]*>/g, " ")].join(" ").toLowerCase();
}

function terms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/^["']+|["']+$/g, ""))
    .filter((w) => w.length > 0 && !w.startsWith("-"));
}

function matches(c: MockCase, words: string[]): boolean {
  const text = haystack(c);
  return words.every((w) => text.includes(w));
}

/** Whether every typed word starts a word of `text` (the mock's version of the core's rule). */
function completes(text: string, words: string[]): boolean {
  const have = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.every((w) => have.some((h) => h.startsWith(w)) || text.includes(w));
}

/** Suggestions like the core's: cities, then taxonomy values, then case titles; at most 8. */
function suggest(query: string, lang: string): Suggestion[] {
  const words = terms(query);
  if (words.length === 0) return [];
  const inLang = MOCK_CASES.filter((c) => c.lang === lang);
  const cities = [...new Set(inLang.map((c) => c.meta.city))]
    .filter((city) => completes(city, words))
    .slice(0, 2)
    .map((city): Suggestion => ({ kind: "city", label: city, value: city }));
  const values: Suggestion[] = [];
  for (const [facet, list] of Object.entries(MOCK_TAXONOMY)) {
    for (const [id, en, ja] of list) {
      if (values.length < 3 && (completes(en, words) || completes(ja, words))) {
        values.push({ kind: facet, label: lang === "ja" ? ja : en, value: id });
      }
    }
  }
  const titles = inLang
    .filter((c) => completes(c.meta.title, words))
    .map((c): Suggestion => ({ kind: "case", label: c.meta.title, value: c.meta.id }));
  return [...cities, ...values, ...titles].slice(0, 8);
}

function snippet(c: MockCase, words: string[]): string {
  let html = escapeHtml(c.meta.summary);
  for (const w of words) {
    if (w.length === 0) continue;
    const re = new RegExp(escapeHtml(w).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
    html = html.replace(re, (m) => `<mark>${m}</mark>`);
  }
  return html;
}

function toHit(c: MockCase, words: string[], score: number): Hit {
  const m = c.meta;
  return {
    id: m.id,
    title: m.title,
    city: m.city,
    country: m.country,
    lang: c.lang,
    score,
    snippet: snippet(c, words),
    hazards: m.hazards,
    sectors: m.sectors,
    measures: m.measures,
    programmes: m.programmes,
    region: m.region,
    type: m.type,
    status: m.status,
    started: m.started,
    path: c.path,
  };
}

/** Plays the shell's events (tests). */
export interface MockEmitter {
  progress(p: Progress): void;
  libraryChanged(r: IndexReport): void;
  diagnosticsChanged(d: Diagnostic[]): void;
}

/** Options of the mock, for tests. */
export interface MockOptions {
  /** Delay of every search in ms, as a function of the request (to test stale responses). */
  searchDelay?: (req: SearchRequest) => number;
  /** Settings present from the start. */
  settings?: Map<string, string>;
  /** The folder the "dialog" returns in `chooseCasesFolder` (cancelled when unset). */
  pickedFolder?: string;
  /** Makes `search` fail with this error (to test how the UI shows errors). */
  searchError?: { code: string; message: string };
}

/** Creates the mock backend. */
export function createMockBackend(opts: MockOptions = {}): Backend & {
  opened: string[];
  exports: MockExports;
  settings: Map<string, string>;
  emit: MockEmitter;
} {
  const settings = new Map<string, string>(opts.settings ?? []);
  const opened: string[] = [];
  let casesDir = "/usr/share/casebook/cases";
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  const search = async (req: SearchRequest): Promise<SearchResponse> => {
    if (opts.searchError) throw new ApiError(opts.searchError.code, opts.searchError.message);
    const t0 = performance.now();
    const delay = opts.searchDelay?.(req) ?? 0;
    if (delay > 0) await sleep(delay);
    const lang = req.ui_lang ?? "en";
    let words = terms(req.query);
    const textHits = (ws: string[]) => MOCK_CASES.filter((c) => matches(c, ws));
    let textMatched = textHits(words);
    let corrected: string | null = null;
    if (textMatched.length === 0 && words.length > 0) {
      // Crude typo tolerance: drop the last letter of long words.
      const retry = words.map((w) => (w.length >= 5 ? w.slice(0, -1) : w));
      const again = textHits(retry);
      if (again.length > 0) {
        words = retry;
        textMatched = again;
        corrected = retry.join(" ");
      }
    }
    const hits = textMatched.filter((c) => passesFilters(c, req, null));
    const facets: Record<string, FacetCount[]> = {};
    for (const facet of FACETS) {
      const counts = new Map<string, number>();
      for (const c of textMatched) {
        if (!passesFilters(c, req, facet)) continue;
        const seen = new Set<string>();
        for (const v of values(c, facet)) {
          // A child value also counts for its parent.
          const parent = v.includes("/") ? v.slice(0, v.indexOf("/")) : null;
          for (const id of parent ? [v, parent] : [v]) {
            if (seen.has(id)) continue;
            seen.add(id);
            counts.set(id, (counts.get(id) ?? 0) + 1);
          }
        }
      }
      facets[facet] = [...counts.entries()]
        .map(([id, count]) => ({ id, label: label(facet, id, lang), count }))
        .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
    }
    const limit = req.limit === 0 ? 20 : req.limit;
    const page = hits.slice(req.offset, req.offset + limit).map((c, i) => toHit(c, words, 10 - i * 0.5));
    const suggestions = req.suggest ? suggest(req.query, lang) : [];
    return { total: hits.length, hits: page, facets, corrected, suggestions, also_searched: [], took_ms: performance.now() - t0 };
  };

  const getCase = async (id: string, lang: string | null): Promise<CaseView> => {
    const files = MOCK_CASES.filter((c) => c.meta.id === id);
    const file =
      files.find((c) => c.lang === lang) ?? files.find((c) => c.lang === "en") ?? files[0];
    if (!file) throw new ApiError("not_found", `no case has the id \`${id}\``);
    const l = lang === "ja" ? "ja" : "en";
    const lab = (facet: string, ids: string[]) => ids.map((v) => ({ id: v, label: label(facet, v, l) }));
    return {
      meta: file.meta,
      path: file.path,
      lang: file.lang,
      languages: files.map((c) => c.lang).sort(),
      html: file.html,
      hazards: lab("hazard", file.meta.hazards),
      sectors: lab("sector", file.meta.sectors),
      measures: lab("measure", file.meta.measures),
      programmes: lab("programme", file.meta.programmes),
      region: { id: file.meta.region, label: label("region", file.meta.region, l) },
    };
  };

  const taxonomy = async (): Promise<Taxonomy> => {
    const facets: Taxonomy["facets"] = {};
    for (const [name, rows] of Object.entries(MOCK_TAXONOMY)) {
      facets[name] = { name, values: rows.map(([id, en, ja]) => ({ id, en, ja, codes: {}, note: null })) };
    }
    return { facets };
  };

  const info = (): LibraryInfo => ({
    cases_dir: casesDir,
    bundled: casesDir.startsWith("/usr/share"),
    docs: MOCK_CASES.length,
    cases: new Set(MOCK_CASES.map((c) => c.meta.id)).size,
    invalid: DIAGNOSTICS.filter((d) => d.severity === "error").length,
  });

  // Event listeners, so tests can play the shell's events.
  const listeners = { progress: new Set<(p: Progress) => void>(), library: new Set<(r: IndexReport) => void>(), diagnostics: new Set<(d: Diagnostic[]) => void>() };
  const subscribe = <T,>(set: Set<(x: T) => void>, cb: (x: T) => void) => {
    set.add(cb);
    return Promise.resolve(() => {
      set.delete(cb);
    });
  };
  const emit: MockEmitter = {
    progress: (p) => listeners.progress.forEach((cb) => cb(p)),
    libraryChanged: (r) => listeners.library.forEach((cb) => cb(r)),
    diagnosticsChanged: (d) => listeners.diagnostics.forEach((cb) => cb(d)),
  };

  const workshop = createMockWorkshop();
  const explore = mockExplore(search, label, taxonomy);

  return {
    ...workshop,
    isMock: true,
    opened,
    settings,
    search,
    getCase,
    places: explore.places,
    stats: explore.stats,
    like: explore.like,
    related: async (id, limit) => {
      const me = MOCK_CASES.find((c) => c.meta.id === id);
      if (!me) throw new ApiError("not_found", `no case has the id \`${id}\``);
      const shared = (c: MockCase) =>
        ["hazard", "sector", "measure"].reduce(
          (n, f) => n + values(c, f).filter((v) => values(me, f).includes(v)).length,
          0,
        );
      return MOCK_CASES.filter((c) => c.meta.id !== id && c.lang === "en")
        .map((c) => [c, shared(c)] as const)
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([c, n]) => toHit(c, [], n));
    },
    diagnostics: async () => DIAGNOSTICS,
    taxonomy,
    reindex: async () => {
      const report: IndexReport = {
        indexed: MOCK_CASES.length,
        unchanged: 0,
        removed: 0,
        invalid: 1,
        diagnostics: DIAGNOSTICS.length,
        rebuilt: false,
        took_ms: 12,
      };
      emit.libraryChanged(report); // like the shell
      return report;
    },
    libraryInfo: async () => info(),
    chooseCasesFolder: async () => {
      // The demo has no file system: a configured pick stands in for the dialog.
      if (opts.pickedFolder === undefined) return null;
      casesDir = opts.pickedFolder;
      return info();
    },
    getSetting: async (key) => settings.get(key) ?? null,
    setSetting: async (key, value) => {
      settings.set(key, value);
    },
    openExternal: async (url) => {
      if (!url.startsWith("https://")) throw new ApiError("invalid_argument", `refusing to open ${url}`);
      opened.push(url);
    },
    openProblem: async (path, line) => {
      if (!DIAGNOSTICS.some((d) => d.path === path)) {
        throw new ApiError("invalid_argument", `\`${path}\` has no problem in this library; only files listed under Problems can be opened`);
      }
      opened.push(`${path}:${line}`);
    },
    emit,
    onIndexProgress: (cb) => subscribe(listeners.progress, cb),
    onLibraryChanged: (cb) => subscribe(listeners.library, cb),
    onDiagnosticsChanged: (cb) => subscribe(listeners.diagnostics, cb),
  };
}
