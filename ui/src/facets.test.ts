import { describe, expect, it } from "vitest";
import { buildTree, checkState, chips, clearFacet, FACET_ORDER, removeValue, selectionCount, toggle, type Filters } from "./facets";
import { MESSAGES, type MessageKey } from "./i18n";

const FLOOD = ["flooding", "flooding/river", "flooding/pluvial", "flooding/coastal"];

describe("toggle", () => {
  it("adds and removes a value", () => {
    let f: Filters = {};
    f = toggle(f, "sector", "water", []);
    expect(f).toEqual({ sector: ["water"] });
    f = toggle(f, "sector", "energy", []);
    expect(f.sector).toEqual(["water", "energy"]);
    f = toggle(f, "sector", "water", []);
    expect(f).toEqual({ sector: ["energy"] });
    f = toggle(f, "sector", "energy", []);
    expect(f).toEqual({});
  });

  it("selecting a parent replaces its selected children and implies all of them", () => {
    let f: Filters = { hazard: ["flooding/river", "drought"] };
    f = toggle(f, "hazard", "flooding", FLOOD);
    expect(f.hazard).toEqual(["drought", "flooding"]);
    expect(checkState(f, "hazard", "flooding")).toBe("selected");
    expect(checkState(f, "hazard", "flooding/coastal")).toBe("implied");
    expect(checkState(f, "hazard", "drought")).toBe("selected");
    expect(checkState(f, "hazard", "extreme-heat")).toBe("none");
  });

  it("unchecking an implied child selects the parent's other children", () => {
    const f = toggle({ hazard: ["flooding"] }, "hazard", "flooding/coastal", FLOOD);
    expect(f.hazard).toEqual(["flooding/river", "flooding/pluvial"]);
    expect(checkState(f, "hazard", "flooding")).toBe("none");
    expect(checkState(f, "hazard", "flooding/coastal")).toBe("none");
  });

  it("keeps other facets untouched", () => {
    const f = toggle({ sector: ["water"] }, "hazard", "drought", []);
    expect(f).toEqual({ sector: ["water"], hazard: ["drought"] });
  });
});

describe("chips and clearing", () => {
  const f: Filters = { measure: ["nature-based/green"], hazard: ["flooding", "drought"], country: ["JP"] };

  it("lists chips in panel order", () => {
    expect(chips(f).map((c) => `${c.facet}:${c.id}`)).toEqual([
      "hazard:flooding",
      "hazard:drought",
      "measure:nature-based/green",
      "country:JP",
    ]);
    expect(selectionCount(f)).toBe(4);
  });

  it("removes one chip and clears one facet", () => {
    expect(removeValue(f, "hazard", "flooding").hazard).toEqual(["drought"]);
    expect(removeValue({ country: ["JP"] }, "country", "JP")).toEqual({});
    const cleared = clearFacet(f, "hazard");
    expect(cleared.hazard).toBeUndefined();
    expect(cleared.country).toEqual(["JP"]);
  });
});

describe("buildTree", () => {
  const counts = [
    { id: "flooding/pluvial", label: "Pluvial", count: 3 },
    { id: "drought", label: "Drought", count: 5 },
    { id: "flooding", label: "Flooding", count: 4 },
    { id: "flooding/river", label: "River", count: 1 },
  ];

  it("nests children under parents in taxonomy order", () => {
    const tree = buildTree(counts, [], ["flooding", "flooding/river", "flooding/pluvial", "drought"], (id) => id);
    expect(tree.map((n) => n.id)).toEqual(["flooding", "drought"]);
    expect(tree[0]?.children.map((n) => n.id)).toEqual(["flooding/river", "flooding/pluvial"]);
  });

  it("keeps the core's order without a taxonomy order", () => {
    const tree = buildTree(counts, [], null, (id) => id);
    expect(tree.map((n) => n.id)).toEqual(["drought", "flooding"]);
  });

  it("keeps a selected value with no results visible with 0", () => {
    const tree = buildTree(counts, ["wildfire", "flooding/coastal"], null, (id) => `label ${id}`);
    const wildfire = tree.find((n) => n.id === "wildfire");
    expect(wildfire).toEqual({ id: "wildfire", label: "label wildfire", count: 0, children: [] });
    const coastal = tree.find((n) => n.id === "flooding")?.children.find((n) => n.id === "flooding/coastal");
    expect(coastal?.count).toBe(0);
  });
});

describe("the facets come from the core", () => {
  it("lists every counted facet of the core, each with a title in both languages", () => {
    expect(FACET_ORDER).toContain("population");
    expect(FACET_ORDER).toContain("coastal");
    expect(FACET_ORDER).not.toContain("city");
    for (const f of FACET_ORDER) {
      const key = `facet_${f}` as MessageKey;
      expect(MESSAGES.en[key], f).toBeTruthy();
      expect(MESSAGES.ja[key], f).toBeTruthy();
      expect(MESSAGES.ja[key], f).not.toBe(MESSAGES.en[key]);
    }
  });
});
