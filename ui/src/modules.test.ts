import { describe, expect, it } from "vitest";

// Every source module's text, through Vite's glob import (no Node APIs needed).
const SOURCES = import.meta.glob<string>(["./**/*.ts", "./**/*.tsx", "!./**/*.test.ts", "!./**/*.test.tsx"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** The module a relative import of `from` names, if it is one of ours. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const parts = from.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "..") parts.pop();
    else if (p !== ".") parts.push(p);
  }
  const base = parts.join("/");
  for (const ext of ["", ".ts", ".tsx"]) if (SOURCES[base + ext] !== undefined) return base + ext;
  return null;
}

/** Static imports and re-exports (type-only ones included: they are edges of the design,
 * unless `values` asks for the imports that load code). */
function graph(values = false): Map<string, string[]> {
  const g = new Map<string, string[]>();
  // `import x from "m"`, `export { x } from "m"` and the side-effect `import "m"`.
  const re = /^\s*(?:(?:import|export)\s([^'"]*?)from\s+|import\s+)['"]([^'"]+)['"]/gm;
  for (const [file, text] of Object.entries(SOURCES)) {
    const deps = [...text.matchAll(re)]
      .filter((m) => !values || !/^type\s/.test(m[1] ?? ""))
      .map((m) => resolve(file, m[2] ?? ""))
      .filter((d): d is string => d !== null);
    g.set(file, deps);
  }
  return g;
}

/** Every module that `start` loads through static imports. */
function reachable(g: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const todo = [start];
  for (let v = todo.pop(); v !== undefined; v = todo.pop()) {
    for (const w of g.get(v) ?? []) {
      if (!seen.has(w)) {
        seen.add(w);
        todo.push(w);
      }
    }
  }
  return seen;
}

/** One import cycle, as a path that returns to its start, or null. */
function findCycle(g: Map<string, string[]>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (v: string): string[] | null => {
    state.set(v, "open");
    path.push(v);
    for (const w of g.get(v) ?? []) {
      if (state.get(w) === "open") return [...path.slice(path.indexOf(w)), w];
      if (!state.has(w)) {
        const c = visit(w);
        if (c) return c;
      }
    }
    path.pop();
    state.set(v, "done");
    return null;
  };
  for (const v of g.keys()) {
    if (!state.has(v)) {
      const c = visit(v);
      if (c) return c;
    }
  }
  return null;
}

describe("the module graph of ui/src", () => {
  it("reads the sources", () => {
    expect(Object.keys(SOURCES)).toContain("./store.ts");
    expect(graph().get("./main.tsx")).toContain("./App.tsx");
  });

  it("finds a cycle when there is one", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
    ]);
    expect(findCycle(g)).toEqual(["a", "b", "c", "a"]);
  });

  it("has no import cycle", () => {
    expect(findCycle(graph())).toBeNull();
  });

  it("loads the map and overview (and the map's outlines) only when asked", () => {
    const startup = reachable(graph(true), "./main.tsx");
    expect(startup).toContain("./App.tsx");
    expect(startup).toContain("./explore/ViewSwitch.tsx");
    expect(startup).not.toContain("./explore/ExploreView.tsx");
    expect(startup).not.toContain("./explore/geo.ts");
    // Type-only imports are not loads: the full graph does reach the map's module.
    expect(reachable(graph(), "./main.tsx")).toContain("./explore/geo.ts");
  });
});
