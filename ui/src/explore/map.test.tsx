import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { uiLang } from "../i18n";
import { createMockBackend } from "../mock/backend";
import { Store } from "../store";
import { filterCity } from "./ExploreView";
import { MAP_HEIGHT, MAP_WIDTH, markers, outlines, placeType, projectionFor } from "./geo";
import { MapView } from "./MapView";
import { exploreMode } from "./state";
import type { Place } from "../bindings/Place";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const place = (city: string, lat: number, lon: number, a: number, m: number, b: number, country = "XX"): Place => ({
  city,
  country,
  lat,
  lon,
  count: a + m + b,
  adaptation: a,
  mitigation: m,
  both: b,
});

const COPENHAGEN = place("Copenhagen", 55.676, 12.568, 3, 0, 0, "DK");
const PARIS = place("Paris", 48.857, 2.352, 0, 1, 0, "FR");
const TOKYO = place("Tokyo", 35.68, 139.76, 1, 1, 0, "JP");

describe("map geometry", () => {
  it("projects Europe west to east and north to south", () => {
    const p = projectionFor("europe");
    const [cx, cy] = p([COPENHAGEN.lon, COPENHAGEN.lat])!;
    const [px, py] = p([PARIS.lon, PARIS.lat])!;
    expect(px).toBeLessThan(cx); // Paris is west of Copenhagen
    expect(py).toBeGreaterThan(cy); // and south of it
    for (const v of [cx, px]) expect(v).toBeGreaterThan(0), expect(v).toBeLessThan(MAP_WIDTH);
    for (const v of [cy, py]) expect(v).toBeGreaterThan(0), expect(v).toBeLessThan(MAP_HEIGHT);
  });

  it("keeps only the cities inside the preset's area", () => {
    const places = [COPENHAGEN, PARIS, TOKYO];
    expect(markers(places, "europe").map((m) => m.place.city).sort()).toEqual(["Copenhagen", "Paris"]);
    expect(markers(places, "japan").map((m) => m.place.city)).toEqual(["Tokyo"]);
    expect(markers(places, "world")).toHaveLength(3);
  });

  it("sizes markers by count (area), largest first", () => {
    const ms = markers([PARIS, COPENHAGEN, TOKYO], "world");
    expect(ms.map((m) => m.place.city)).toEqual(["Copenhagen", "Tokyo", "Paris"]);
    expect(ms[0]!.r).toBeGreaterThan(ms[1]!.r);
    expect(ms[1]!.r).toBeGreaterThan(ms[2]!.r);
  });

  it("colours by type: one type, or both when the cases mix", () => {
    expect(placeType(COPENHAGEN)).toBe("adaptation");
    expect(placeType(PARIS)).toBe("mitigation");
    expect(placeType(TOKYO)).toBe("both");
    expect(placeType(place("Kyoto", 35, 135.7, 0, 0, 2))).toBe("both");
  });

  it("draws country outlines for every preset", () => {
    expect(outlines("europe").length).toBeGreaterThan(30);
    expect(outlines("world").length).toBeGreaterThan(150);
    // Japan's outline is drawn on the Japan map.
    expect(outlines("japan").some((o) => o.id.startsWith("392"))).toBe(true);
  });
});

describe("MapView", () => {
  let el: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    el = document.createElement("div");
    document.body.appendChild(el);
    root = createRoot(el);
  });
  afterEach(() => {
    act(() => root.unmount());
    el.remove();
    uiLang.value = "en";
  });

  const render = (onCity: (c: string) => void, unplaced = 0) =>
    act(() =>
      root.render(
        <MapView places={{ places: [COPENHAGEN, PARIS, TOKYO], unplaced }} preset="europe" onPreset={() => {}} onCity={onCity} />,
      ),
    );

  it("has one named, focusable marker per visible city; click and Enter choose it", () => {
    const onCity = vi.fn();
    render(onCity, 2);
    const ms = [...el.querySelectorAll<SVGCircleElement>('[data-testid="map-marker"]')];
    expect(ms.map((m) => m.getAttribute("data-city")).sort()).toEqual(["Copenhagen", "Paris"]);
    const cph = ms.find((m) => m.getAttribute("data-city") === "Copenhagen")!;
    expect(cph.getAttribute("aria-label")).toBe("Copenhagen, 3 cases. Show only this city");
    expect(cph.getAttribute("tabindex")).toBe("0");
    expect(cph.getAttribute("role")).toBe("button");
    expect(cph.getAttribute("class")).toContain("marker-adaptation");
    act(() => cph.dispatchEvent(new MouseEvent("click", { bubbles: true })));
    expect(onCity).toHaveBeenCalledWith("Copenhagen");
    expect(ms.find((m) => m.getAttribute("data-city") === "Paris")!.getAttribute("aria-label")).toBe(
      "Paris, 1 case. Show only this city",
    );
    const paris = ms.find((m) => m.getAttribute("data-city") === "Paris")!;
    act(() => paris.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true })));
    expect(onCity).toHaveBeenLastCalledWith("Paris");
    expect(el.textContent).toContain("1 cities lie outside this area");
    expect(el.textContent).toContain("2 matching cases have no coordinates");
  });

  it("shows the city and its count on focus, in the UI language", () => {
    uiLang.value = "ja";
    render(() => {});
    const cph = el.querySelector<SVGCircleElement>('[data-city="Copenhagen"]')!;
    expect(el.querySelector('[data-testid="map-tip"]')).toBeNull();
    act(() => cph.dispatchEvent(new FocusEvent("focusin", { bubbles: true })));
    expect(el.querySelector('[data-testid="map-tip"]')?.textContent).toBe("Copenhagen：3 件");
    expect(el.querySelector('[data-testid="map-preset-japan"]')?.textContent).toBe("日本");
  });
});

describe("filterCity", () => {
  it("adds one removable city filter and shows the list", async () => {
    const store = new Store(createMockBackend());
    exploreMode.value = "map";
    filterCity(store, "Copenhagen");
    filterCity(store, "Copenhagen");
    expect(store.filters.value.city).toEqual(["Copenhagen"]);
    expect(exploreMode.value).toBe("list");
    store.removeFilter("city", "Copenhagen");
    expect(store.filters.value.city).toBeUndefined();
  });
});
