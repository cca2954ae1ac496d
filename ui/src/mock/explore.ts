// The map, overview and "cities like this one" of the mock backend: the same aggregation as
// the core's `explore` module, over the demo cases that the mock search matches.

import type { Hit } from "../bindings/Hit";
import type { LikeHit } from "../bindings/LikeHit";
import type { Place } from "../bindings/Place";
import type { Places } from "../bindings/Places";
import type { SearchRequest } from "../bindings/SearchRequest";
import type { SearchResponse } from "../bindings/SearchResponse";
import type { StatCount } from "../bindings/StatCount";
import type { Stats } from "../bindings/Stats";
import type { Taxonomy } from "../bindings/Taxonomy";
import { ApiError } from "../api";
import { MOCK_CASES, type MockCase } from "./data";

/** The population band id of a population, as the core computes it. */
export function populationBand(p: number | null): string | null {
  if (p === null) return null;
  if (p < 50_000) return "under-50k";
  if (p < 250_000) return "50k-250k";
  if (p < 1_000_000) return "250k-1m";
  return "over-1m";
}

/** Values of the explore facets of a demo case (`null` when the facet is not one of them). */
export function exploreValues(c: MockCase, facet: string): string[] | null {
  switch (facet) {
    case "population": {
      const b = populationBand(c.meta.population);
      return b ? [b] : [];
    }
    case "coastal":
      return c.meta.coastal === null ? [] : [c.meta.coastal ? "coastal" : "inland"];
    case "city":
      // Every language's name of the city selects the case.
      return MOCK_CASES.filter((o) => o.meta.id === c.meta.id).map((o) => o.meta.city);
    default:
      return null;
  }
}

type Search = (req: SearchRequest) => Promise<SearchResponse>;
type Label = (facet: string, id: string, lang: string) => string;

/** The demo case files shown for all matches of `req`, one per case, in its UI language. */
async function matches(search: Search, req: SearchRequest): Promise<MockCase[]> {
  const res = await search({ ...req, limit: 100_000, offset: 0, suggest: false });
  const lang = req.ui_lang ?? "en";
  const ids = [...new Set(res.hits.map((h: Hit) => h.id))];
  return ids.flatMap((id) => {
    const files = MOCK_CASES.filter((c) => c.meta.id === id);
    const file = files.find((c) => c.lang === lang) ?? files.find((c) => c.lang === "en") ?? files[0];
    return file ? [file] : [];
  });
}

/** With the ancestors of hierarchical ids (`flooding/pluvial` also counts for `flooding`). */
function withParents(ids: string[]): string[] {
  const out = new Set<string>();
  for (const id of ids) {
    const parts = id.split("/");
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join("/"));
  }
  return [...out];
}

/** The explore commands of the mock, over its `search` and labels. */
export function mockExplore(search: Search, label: Label, taxonomy: () => Promise<Taxonomy>) {
  const places = async (req: SearchRequest): Promise<Places> => {
    const byCity = new Map<string, Place & { n: number }>();
    let unplaced = 0;
    for (const c of await matches(search, req)) {
      const at = c.meta.coordinates;
      if (!at) {
        unplaced++;
        continue;
      }
      const key = `${c.meta.country}\u0000${c.meta.city}`;
      const p = byCity.get(key) ?? { city: c.meta.city, country: c.meta.country, lat: 0, lon: 0, count: 0, adaptation: 0, mitigation: 0, both: 0, n: 0 };
      p.lat += at[0];
      p.lon += at[1];
      p.count++;
      p[c.meta.type]++;
      byCity.set(key, p);
    }
    const list = [...byCity.values()].map(({ n: _n, ...p }) => ({ ...p, lat: p.lat / p.count, lon: p.lon / p.count }));
    list.sort((a, b) => b.count - a.count || a.city.localeCompare(b.city));
    return { places: list, unplaced };
  };

  const stats = async (req: SearchRequest): Promise<Stats> => {
    const lang = req.ui_lang ?? "en";
    const cases = await matches(search, req);
    const count = (facet: string, of: (c: MockCase) => string[]): StatCount[] => {
      const n = new Map<string, number>();
      for (const c of cases) for (const v of withParents(of(c))) n.set(v, (n.get(v) ?? 0) + 1);
      return [...n.entries()]
        .map(([id, count]) => ({ id, label: label(facet, id, lang), count }))
        .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
    };
    const years = new Map<number, number>();
    let noYear = 0;
    for (const c of cases) {
      if (c.meta.started === null) noYear++;
      else years.set(c.meta.started, (years.get(c.meta.started) ?? 0) + 1);
    }
    const used = new Set<string>();
    for (const c of cases) {
      const m = c.meta;
      for (const [f, vs] of [["hazard", m.hazards], ["sector", m.sectors], ["measure", m.measures], ["region", [m.region]], ["programme", m.programmes]] as const) {
        for (const v of withParents([...vs])) used.add(`${f}:${v}`);
      }
    }
    const tax = await taxonomy();
    const unused = ["hazard", "sector", "measure", "region", "programme"].flatMap((f) =>
      (tax.facets[f]?.values ?? [])
        .filter((v) => !used.has(`${f}:${v.id}`))
        .map((v) => ({ facet: f, id: v.id, label: lang === "ja" ? v.ja : v.en })),
    );
    const curator = (c: MockCase) => ({ id: c.meta.id, title: c.meta.title, outcomes: c.meta.outcomes.length, sources: c.meta.sources.length });
    const byOutcomes = [...cases].sort((a, b) => a.meta.outcomes.length - b.meta.outcomes.length || a.meta.sources.length - b.meta.sources.length || a.meta.id.localeCompare(b.meta.id));
    const bySources = [...cases].sort((a, b) => a.meta.sources.length - b.meta.sources.length || a.meta.outcomes.length - b.meta.outcomes.length || a.meta.id.localeCompare(b.meta.id));
    return {
      total: cases.length,
      hazard: count("hazard", (c) => c.meta.hazards),
      sector: count("sector", (c) => c.meta.sectors),
      measure: count("measure", (c) => c.meta.measures),
      programme: count("programme", (c) => c.meta.programmes),
      country: count("country", (c) => [c.meta.country]),
      years: [...years.entries()].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count })),
      no_year: noYear,
      unused,
      fewest_outcomes: byOutcomes.slice(0, 10).map(curator),
      fewest_sources: bySources.slice(0, 10).map(curator),
    };
  };

  const like = async (id: string, limit: number, lang: string): Promise<LikeHit[]> => {
    const all = await matches(search, { query: "", filters: {}, from: null, to: null, limit: 0, offset: 0, ui_lang: lang, suggest: false });
    const me = all.find((c) => c.meta.id === id);
    if (!me) throw new ApiError("not_found", `no case has the id \`${id}\``);
    const ja = lang === "ja";
    const leaves = (hs: string[]) => hs.filter((h) => !hs.some((o) => o.startsWith(h + "/")));
    const mine = new Set(leaves(me.meta.hazards));
    const hits: LikeHit[] = [];
    for (const c of all) {
      if (c.meta.id === id) continue;
      let score = 0;
      const reasons: string[] = [];
      if (me.meta.coastal !== null && me.meta.coastal === c.meta.coastal) {
        score += 1.5;
        reasons.push(c.meta.coastal ? (ja ? "同じく沿岸" : "also coastal") : ja ? "同じく内陸" : "also inland");
      }
      const band = populationBand(me.meta.population);
      if (band && band === populationBand(c.meta.population)) {
        score += 2;
        reasons.push(label("population", band, lang));
      }
      for (const h of leaves(c.meta.hazards).filter((h) => mine.has(h))) {
        score += 1;
        reasons.push(label("hazard", h, lang));
      }
      if (me.meta.region === c.meta.region) {
        score += 1;
        reasons.push(label("region", c.meta.region, lang));
      }
      if (me.meta.country === c.meta.country) {
        score += 0.5;
        reasons.push(label("country", c.meta.country, lang));
      }
      if (score > 0) hits.push({ id: c.meta.id, title: c.meta.title, city: c.meta.city, country: c.meta.country, score, reasons });
    }
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return hits.slice(0, Math.min(limit, 100));
  };

  return { places, stats, like };
}
