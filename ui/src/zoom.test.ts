import { describe, expect, it } from "vitest";
import { parseZoom, stepZoom, zoomKey } from "./zoom";

describe("zoom", () => {
  it("steps through the levels and stops at the ends", () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(1.5, 0)).toBe(1);
    expect(stepZoom(2, 1)).toBe(2);
    expect(stepZoom(0.67, -1)).toBe(0.67);
    expect(stepZoom(1.2, 1)).toBe(1.25);
    expect(stepZoom(1.2, -1)).toBe(1.1);
  });

  it("reads a stored factor, refusing nonsense", () => {
    expect(parseZoom("1.25")).toBe(1.25);
    expect(parseZoom("1.3")).toBe(1.25);
    expect(parseZoom("9")).toBe(2);
    expect(parseZoom("abc")).toBeNull();
    expect(parseZoom("-1")).toBeNull();
    expect(parseZoom(null)).toBeNull();
  });

  it("knows the keys", () => {
    const k = (key: string, ctrlKey = true) => zoomKey({ key, ctrlKey, metaKey: false, altKey: false });
    expect(k("=")).toBe(1);
    expect(k("+")).toBe(1);
    expect(k("-")).toBe(-1);
    expect(k("0")).toBe(0);
    expect(k("=", false)).toBeNull();
    expect(k("k")).toBeNull();
  });
});
