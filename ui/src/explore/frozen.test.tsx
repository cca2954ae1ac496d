// Tauri's `freezePrototype: true` freezes Object.prototype before the UI loads, so module
// code runs frozen too: the explore modules (d3-geo, d3-array, topojson-client) are imported
// only after the freeze here (d3-scale failed at import this way). Vitest isolates test
// files, so the freeze stays here.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { expect, it } from "vitest";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

it("loads and draws the map and the overview with a frozen Object.prototype", async () => {
  Object.freeze(Object.prototype);
  const { MapView } = await import("./MapView");
  const { Overview } = await import("./Overview");
  const el = document.createElement("div");
  document.body.appendChild(el);
  const root = createRoot(el);
  const place = { city: "Kyoto", country: "JP", lat: 35.01, lon: 135.77, count: 2, adaptation: 2, mitigation: 0, both: 0 };
  act(() => root.render(<MapView places={{ places: [place], unplaced: 0 }} preset="japan" onPreset={() => {}} onCity={() => {}} />));
  expect(el.querySelectorAll(".map-countries path").length).toBeGreaterThan(2);
  expect(el.querySelector('[data-city="Kyoto"]')).not.toBeNull();
  const stats = {
    total: 1,
    no_year: 0,
    hazard: [{ id: "heat", label: "Heat", count: 2 }],
    sector: [],
    measure: [],
    programme: [],
    country: [],
    years: [{ year: 2020, count: 1 }],
    unused: [],
    fewest_outcomes: [],
    fewest_sources: [],
  };
  act(() => root.render(<Overview stats={stats} onFilter={() => {}} onYear={() => {}} onOpen={() => {}} />));
  expect(el.querySelectorAll('[data-testid="chart-bar"]').length).toBe(1);
  expect(el.querySelectorAll('[data-testid="year-bar"]').length).toBe(1);
  act(() => root.unmount());
});
