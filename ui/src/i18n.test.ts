import { describe, expect, it } from "vitest";
import { defaultLang, format, MESSAGES } from "./i18n";

describe("i18n", () => {
  const en = MESSAGES.en;
  const ja = MESSAGES.ja;

  it("has every key in both languages, none empty", () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(ja)) expect(v.trim(), `ja.${k}`).not.toBe("");
    for (const [k, v] of Object.entries(en)) expect(v.trim(), `en.${k}`).not.toBe("");
  });

  it("uses the same placeholders in both languages", () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(holes(ja[key]), key).toEqual(holes(en[key]));
    }
  });

  it("translates: Japanese strings are not English copies", () => {
    const same = (Object.keys(en) as Array<keyof typeof en>).filter(
      (k) => en[k] === ja[k] && !["app_name", "lang_en", "lang_ja"].includes(k),
    );
    expect(same).toEqual([]);
  });

  it("formats placeholders", () => {
    expect(format("en", "total_count", { n: 12 })).toBe("12 cases");
    expect(format("ja", "total_count", { n: 12 })).toBe("12 件");
  });

  it("defaults from the browser language", () => {
    expect(defaultLang("ja-JP")).toBe("ja");
    expect(defaultLang("en-GB")).toBe("en");
    expect(defaultLang(undefined)).toBe("en");
  });
});
