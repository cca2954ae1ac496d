import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { uiLang } from "../i18n";
import { Overview } from "./Overview";
import type { Stats } from "../bindings/Stats";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const STATS: Stats = {
  total: 9,
  no_year: 0,
  hazard: [
    { id: "heat", label: "Heat", count: 2 },
    { id: "flooding/pluvial", label: "Pluvial flooding", count: 8 },
    { id: "drought", label: "Drought", count: 4 },
  ],
  sector: [{ id: "water", label: "Water", count: 5 }],
  measure: [],
  programme: [{ id: "eu-cities-mission", label: "EU Cities Mission", count: 3 }],
  country: [
    { id: "DK", label: "Denmark", count: 1 },
    { id: "JP", label: "Japan", count: 6 },
  ],
  years: [
    { year: 2012, count: 2 },
    { year: 2015, count: 1 },
  ],
  unused: [{ facet: "hazard", id: "wildfire", label: "Wildfire" }],
  fewest_outcomes: [{ id: "a", title: "Case A", outcomes: 0, sources: 1 }],
  fewest_sources: [{ id: "b", title: "Case B", outcomes: 2, sources: 1 }],
};

describe("Overview", () => {
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

  const render = (stats: Stats, fns: { onFilter?: (f: string, id: string) => void; onYear?: (y: number) => void; onOpen?: (id: string) => void } = {}) =>
    act(() =>
      root.render(
        <Overview stats={stats} onFilter={fns.onFilter ?? (() => {})} onYear={fns.onYear ?? (() => {})} onOpen={fns.onOpen ?? (() => {})} />,
      ),
    );

  it("draws one bar per value, longest first, widths proportional to the counts", () => {
    render(STATS);
    const chart = el.querySelector('[data-testid="chart-hazard"]')!;
    const bars = [...chart.querySelectorAll('[data-testid="chart-bar"]')];
    expect(bars.map((b) => b.getAttribute("data-id"))).toEqual(["flooding/pluvial", "drought", "heat"]);
    const width = (b: Element) => Number(b.querySelector(".chart-fill")!.getAttribute("width"));
    expect(width(bars[0]!)).toBeCloseTo(2 * width(bars[1]!), 5);
    expect(width(bars[1]!)).toBeCloseTo(2 * width(bars[2]!), 5);
    expect(bars[0]!.getAttribute("aria-label")).toBe("Pluvial flooding: 8 cases. Add as filter");
    // The text alternative names the largest value.
    expect(chart.querySelector(".visually-hidden")?.textContent).toBe("Hazard: 3 values; most cases: Pluvial flooding (8)");
    // A facet with no values says so instead of drawing an empty chart.
    expect(el.querySelector('[data-testid="chart-measure"]')?.textContent).toContain("No values");
  });

  it("adds a filter when a bar is clicked or activated by keyboard", () => {
    const onFilter = vi.fn();
    render(STATS, { onFilter });
    const jp = el.querySelector<SVGGElement>('[data-testid="chart-country"] [data-id="JP"]')!;
    act(() => jp.dispatchEvent(new MouseEvent("click", { bubbles: true })));
    expect(onFilter).toHaveBeenCalledWith("country", "JP");
    const water = el.querySelector<SVGGElement>('[data-testid="chart-sector"] [data-id="water"]')!;
    expect(water.getAttribute("tabindex")).toBe("0");
    act(() => water.dispatchEvent(new KeyboardEvent("keydown", { key: " ", bubbles: true })));
    expect(onFilter).toHaveBeenLastCalledWith("sector", "water");
  });

  it("draws the timeline with gaps for years without cases; a year bar sets the years", () => {
    const onYear = vi.fn();
    render(STATS, { onYear });
    const bars = [...el.querySelectorAll<SVGGElement>('[data-testid="year-bar"]')];
    expect(bars.map((b) => b.getAttribute("aria-label"))).toEqual([
      "2012: 2 cases. Show only this year",
      "2015: 1 case. Show only this year",
    ]);
    const x = (b: Element) => Number(b.querySelector("rect")!.getAttribute("x"));
    const step = (x(bars[1]!) - x(bars[0]!)) / 3; // 2012 → 2015: three slots
    expect(step).toBeGreaterThan(0);
    act(() => bars[1]!.dispatchEvent(new MouseEvent("click", { bubbles: true })));
    expect(onYear).toHaveBeenCalledWith(2015);
  });

  it("lists what curators need, in the UI language; a case opens", () => {
    uiLang.value = "ja";
    const onOpen = vi.fn();
    render(STATS, { onOpen });
    expect(el.querySelector('[data-testid="curator-unused"]')?.textContent).toContain("Wildfire");
    expect(el.querySelector('[data-testid="curator"] h3')?.textContent).toBe("キュレーター向け");
    const btn = el.querySelector<HTMLButtonElement>('[data-testid="curator-fewest_sources"] button')!;
    expect(btn.textContent).toBe("Case B");
    act(() => btn.click());
    expect(onOpen).toHaveBeenCalledWith("b");
  });
});
