// In-memory collections and notes for the mock backend, following the core's rules closely
// enough to exercise the UI: names unique ignoring case, items by case id in order, a case
// that is not in the library refused on add, delete returns what Undo needs.

import type { WorkshopApi } from "../api";
import { ApiError } from "../api";
import type { CollectionSummary } from "../bindings/CollectionSummary";
import type { CollectionView } from "../bindings/CollectionView";
import type { Comparison } from "../bindings/Comparison";
import type { PortableCollection } from "../bindings/PortableCollection";
import { MOCK_CASES } from "./data";

interface Item {
  caseId: string;
  note: string;
  title: string;
}

interface Row {
  id: number;
  name: string;
  description: string;
  items: Item[];
  created: string;
  updated: string;
}

/** What the mock saved (file names by export) and whether it is in full screen, for tests. */
export interface MockExports {
  saved: string[];
  fullscreen: boolean;
}

/** Creates the workshop part of the mock backend. */
export function createMockWorkshop(): WorkshopApi & { exports: MockExports } {
  const rows = new Map<number, Row>();
  const notes = new Map<string, string>();
  const exports: MockExports = { saved: [], fullscreen: false };
  let next = 1;
  const now = () => new Date().toISOString().slice(0, 19) + "Z";

  const summary = (r: Row): CollectionSummary => ({
    id: r.id,
    name: r.name,
    description: r.description,
    count: r.items.length,
    created: r.created,
    updated: r.updated,
  });
  const row = (id: number): Row => {
    const r = rows.get(id);
    if (!r) throw new ApiError("no_collection", `no collection has the id ${id}`);
    return r;
  };
  const cleanName = (name: string, except: number | null): string => {
    const n = name.trim();
    if (n === "") throw new ApiError("invalid_argument", "a collection needs a name");
    for (const r of rows.values()) {
      if (r.id !== except && r.name.toLowerCase() === n.toLowerCase()) {
        throw new ApiError("invalid_argument", `a collection named \`${n}\` already exists; choose another name`);
      }
    }
    return n;
  };
  const caseFile = (id: string, lang: string | null) => {
    const files = MOCK_CASES.filter((c) => c.meta.id === id);
    return files.find((c) => c.lang === lang) ?? files.find((c) => c.lang === "en") ?? files[0];
  };
  const edit = (id: number, f: (items: Item[]) => void): CollectionSummary => {
    const r = row(id);
    const items = [...r.items];
    f(items);
    r.items = items;
    r.updated = now();
    return summary(r);
  };
  const at = (items: Item[], caseId: string) => {
    const i = items.findIndex((x) => x.caseId === caseId);
    if (i < 0) throw new ApiError("invalid_argument", `\`${caseId}\` is not in this collection`);
    return i;
  };
  const restore = (p: PortableCollection) => {
    const name = cleanName(p.name, null);
    const id = next++;
    const missing: string[] = [];
    const items = p.items.map((i) => {
      if (!caseFile(i.id, "en")) missing.push(i.id);
      return { caseId: i.id, note: i.note, title: i.title };
    });
    const r: Row = { id, name, description: p.description, items, created: now(), updated: now() };
    rows.set(id, r);
    return { collection: summary(r), missing };
  };

  return {
    exports,
    listCollections: async () => [...rows.values()].map(summary).sort((a, b) => a.name.localeCompare(b.name)),
    collection: async (id, lang): Promise<CollectionView> => {
      const r = row(id);
      return {
        collection: summary(r),
        items: r.items.map((i) => {
          const f = caseFile(i.caseId, lang);
          return f
            ? { id: i.caseId, title: f.meta.title, city: f.meta.city, country: f.meta.country, lang: f.lang, missing: false, note: i.note }
            : { id: i.caseId, title: i.title, city: "", country: "", lang: "", missing: true, note: i.note };
        }),
      };
    },
    createCollection: async (name, description) => {
      const n = cleanName(name, null);
      const id = next++;
      const r: Row = { id, name: n, description, items: [], created: now(), updated: now() };
      rows.set(id, r);
      return summary(r);
    },
    renameCollection: async (id, name) => {
      const n = cleanName(name, id);
      const r = row(id);
      r.name = n;
      return summary(r);
    },
    describeCollection: async (id, description) => {
      const r = row(id);
      r.description = description;
      return summary(r);
    },
    deleteCollection: async (id) => {
      const r = row(id);
      rows.delete(id);
      return {
        format: "casebook-collection",
        version: 1,
        name: r.name,
        description: r.description,
        exported: now().slice(0, 10),
        items: r.items.map((i) => ({ id: i.caseId, title: i.title, note: i.note })),
      };
    },
    restoreCollection: async (p) => restore(p),
    addToCollection: async (id, caseIds) => {
      const found = caseIds.map((cid) => {
        const f = caseFile(cid, "en");
        if (!f) throw new ApiError("not_found", `no case has the id \`${cid}\``);
        return { caseId: cid, note: "", title: f.meta.title };
      });
      return edit(id, (items) => {
        for (const n of found) {
          if (items.some((i) => i.caseId === n.caseId)) {
            throw new ApiError("invalid_argument", `\`${n.caseId}\` is already in this collection`);
          }
          items.push(n);
        }
      });
    },
    removeFromCollection: async (id, caseId) => edit(id, (items) => void items.splice(at(items, caseId), 1)),
    moveInCollection: async (id, caseId, position) =>
      edit(id, (items) => {
        const i = at(items, caseId);
        if (position < 0 || position >= items.length) {
          throw new ApiError("invalid_argument", `position ${position + 1} is outside the collection (1 to ${items.length})`);
        }
        const [item] = items.splice(i, 1);
        if (item) items.splice(position, 0, item);
      }),
    setItemNote: async (id, caseId, note) =>
      edit(id, (items) => {
        const i = at(items, caseId);
        const item = items[i];
        if (item) items[i] = { ...item, note };
      }),
    collectedCaseIds: async () => [...new Set([...rows.values()].flatMap((r) => r.items.map((i) => i.caseId)))],
    getNote: async (caseId) => notes.get(caseId) ?? "",
    setNote: async (caseId, note) => {
      if (note === "") notes.delete(caseId);
      else notes.set(caseId, note);
    },
    exportCollection: async (id, format) => {
      const name = `${row(id).name}.${format === "collection" ? "casebook-collection.json" : format}`;
      exports.saved.push(name);
      return name;
    },
    exportSearch: async (_request, format, lang) => {
      const name = `${lang === "ja" ? "検索結果" : "search results"}.${format}`;
      exports.saved.push(name);
      return name;
    },
    importCollection: async () => null,
    compare: async (caseIds, lang): Promise<Comparison> => {
      const ids = [...new Set(caseIds)];
      if (ids.length < 2 || ids.length > 4) {
        throw new ApiError("invalid_argument", `a comparison shows 2 to 4 different cases; ${ids.length} were given`);
      }
      const files = ids.map((id) => caseFile(id, lang));
      const ja = lang === "ja";
      const facts: [string, string, string, (m: NonNullable<(typeof files)[number]>["meta"]) => string][] = [
        ["city", "City", "都市", (m) => m.city],
        ["country", "Country", "国", (m) => m.country],
        ["population", "Population", "人口", (m) => (m.population === null ? "" : m.population.toLocaleString("en"))],
        ["programmes", "Programmes", "プログラム", (m) => m.programmes.join(", ")],
        ["type", "Type", "種類", (m) => m.type],
        ["status", "Status", "状況", (m) => m.status],
        ["years", "Years", "期間", (m) => (m.started === null ? "" : `${m.started}–${m.ended ?? ""}`)],
        ["hazards", "Hazards", "気候ハザード", (m) => m.hazards.join(", ")],
        ["sectors", "Sectors", "分野", (m) => m.sectors.join(", ")],
        ["measures", "Measures", "対策", (m) => m.measures.join(", ")],
        ["outcomes", "Outcomes", "成果", (m) => m.outcomes.map((o) => `${o.metric}: ${o.value} ${o.unit ?? ""} (${o.year})`).join("\n")],
      ];
      const rows = facts.map(([key, en, jaLabel, get]) => {
        const values = files.map((f) => (f ? get(f.meta) : ""));
        const shown = values.filter((_, i) => files[i] !== undefined);
        return { key, label: ja ? jaLabel : en, values, same: shown.length >= 2 && shown.every((v) => v === shown[0]) };
      });
      return {
        lang: ja ? "ja" : "en",
        cases: ids.map((id, i) => {
          const f = files[i];
          return { id, title: f?.meta.title ?? id, lang: f?.lang ?? "", missing: f === undefined };
        }),
        rows,
      };
    },
    exportComparison: async (_caseIds, lang) => {
      const name = `${lang === "ja" ? "比較" : "comparison"}.pdf`;
      exports.saved.push(name);
      return name;
    },
    setFullscreen: async (on) => {
      exports.fullscreen = on;
    },
  };
}
