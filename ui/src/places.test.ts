import { describe, expect, it } from "vitest";
import { COUNTRY_NAMES, countryName, joinPlace } from "./places";

describe("places", () => {
  it("names countries in the UI language, as the core does", () => {
    expect(countryName("JP", "en")).toBe("Japan");
    expect(countryName("JP", "ja")).toBe("日本");
    expect(countryName("se", "en")).toBe("Sweden");
    expect(countryName("IT", "ja")).toBe("イタリア");
  });

  it("uses the platform for other countries, and shows an unknown code as is", () => {
    expect(countryName("BR", "en")).toBe("Brazil");
    expect(COUNTRY_NAMES.JP).toEqual({ en: "Japan", ja: "日本" });
    expect(countryName("DK", "en", false)).toBe("Denmark");
    expect(countryName("DK", "ja", false)).toBe("デンマーク");
    expect(countryName("XZ", "en", false)).toBe("XZ");
    for (const [code, row] of Object.entries(COUNTRY_NAMES)) {
      expect(row.en.trim(), code).not.toBe("");
      expect(row.ja.trim(), code).not.toBe("");
      expect(row.ja, code).not.toBe(row.en);
    }
  });

  it("joins places with the punctuation of the language", () => {
    expect(joinPlace(["Milan", "Italy"], "en")).toBe("Milan, Italy");
    expect(joinPlace(["京都市", "日本"], "ja")).toBe("京都市、日本");
    expect(joinPlace(["", "日本"], "ja")).toBe("日本");
  });
});
