// Country names and place joins in the UI language: the one place that turns a country code
// into words, so no ISO code ever reaches the screen (related cards, the case header, lists).

import { uiLang, type Lang } from "./i18n";

/** Names of the countries in the bundled library, for a webview without `Intl.DisplayNames`
 * (or without its data). Codes are ISO 3166-1 alpha-2. */
export const COUNTRY_FALLBACK: Readonly<Record<string, { en: string; ja: string }>> = {
  AT: { en: "Austria", ja: "オーストリア" },
  BE: { en: "Belgium", ja: "ベルギー" },
  BG: { en: "Bulgaria", ja: "ブルガリア" },
  CH: { en: "Switzerland", ja: "スイス" },
  CY: { en: "Cyprus", ja: "キプロス" },
  CZ: { en: "Czechia", ja: "チェコ" },
  DE: { en: "Germany", ja: "ドイツ" },
  DK: { en: "Denmark", ja: "デンマーク" },
  EE: { en: "Estonia", ja: "エストニア" },
  ES: { en: "Spain", ja: "スペイン" },
  FI: { en: "Finland", ja: "フィンランド" },
  FR: { en: "France", ja: "フランス" },
  GB: { en: "United Kingdom", ja: "イギリス" },
  GR: { en: "Greece", ja: "ギリシャ" },
  HR: { en: "Croatia", ja: "クロアチア" },
  HU: { en: "Hungary", ja: "ハンガリー" },
  IE: { en: "Ireland", ja: "アイルランド" },
  IS: { en: "Iceland", ja: "アイスランド" },
  IT: { en: "Italy", ja: "イタリア" },
  JP: { en: "Japan", ja: "日本" },
  LT: { en: "Lithuania", ja: "リトアニア" },
  LU: { en: "Luxembourg", ja: "ルクセンブルク" },
  LV: { en: "Latvia", ja: "ラトビア" },
  MT: { en: "Malta", ja: "マルタ" },
  NL: { en: "Netherlands", ja: "オランダ" },
  NO: { en: "Norway", ja: "ノルウェー" },
  PL: { en: "Poland", ja: "ポーランド" },
  PT: { en: "Portugal", ja: "ポルトガル" },
  RO: { en: "Romania", ja: "ルーマニア" },
  SE: { en: "Sweden", ja: "スウェーデン" },
  SI: { en: "Slovenia", ja: "スロベニア" },
  SK: { en: "Slovakia", ja: "スロバキア" },
  TR: { en: "Türkiye", ja: "トルコ" },
};

const displayNames = new Map<Lang, Intl.DisplayNames | null>();

/** The platform's region names for `lang`, or null where the engine has none. */
function regionNames(lang: Lang): Intl.DisplayNames | null {
  if (!displayNames.has(lang)) {
    let dn: Intl.DisplayNames | null = null;
    try {
      if (typeof Intl.DisplayNames === "function") dn = new Intl.DisplayNames([lang === "ja" ? "ja-JP" : "en-GB"], { type: "region", fallback: "none" });
    } catch {
      dn = null;
    }
    displayNames.set(lang, dn);
  }
  return displayNames.get(lang) ?? null;
}

/** The name of country `code` in `lang`: the platform's name, else the table's, else the code
 * (an unknown code is shown rather than hidden). `platform: false` skips `Intl` (tests). */
export function countryName(code: string, lang: Lang = uiLang.value, platform = true): string {
  const upper = code.trim().toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) {
    const fromPlatform = platform ? regionNames(lang)?.of(upper) : undefined;
    // With `fallback: "none"` an unknown region gives undefined; some engines echo the code.
    if (fromPlatform && fromPlatform.toUpperCase() !== upper) return fromPlatform;
  }
  const row = COUNTRY_FALLBACK[upper];
  return row ? row[lang] : code;
}

/** "City, Country" with the punctuation of `lang` (Japanese uses 、). Empty parts drop out. */
export function joinPlace(parts: ReadonlyArray<string | null | undefined>, lang: Lang = uiLang.value): string {
  return parts.filter((p): p is string => typeof p === "string" && p.trim() !== "").join(lang === "ja" ? "、" : ", ");
}
