// Country names and place joins in the UI language: the one place that turns a country code
// into words, so no ISO code ever reaches the screen (related cards, the case header, lists).

import { BUILTIN_LABELS } from "./bindings/constants";
import { uiLang, type Lang } from "./i18n";

/** Names of the countries the core knows (generated from its `search::COUNTRIES`), so the
 * case header, the cards and the facet panel say the same. Codes are ISO 3166-1 alpha-2. */
export const COUNTRY_NAMES: Readonly<Record<string, { en: string; ja: string }>> = Object.fromEntries(
  Object.entries(BUILTIN_LABELS)
    .filter(([key]) => key.startsWith("country:"))
    .map(([key, [en, ja]]) => [key.slice("country:".length), { en, ja }]),
);

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

/** The name of country `code` in `lang`: the core's name, else the platform's (a country the
 * core does not list), else the code (an unknown code is shown rather than hidden).
 * `platform: false` skips `Intl` (tests). */
export function countryName(code: string, lang: Lang = uiLang.value, platform = true): string {
  const upper = code.trim().toUpperCase();
  const row = COUNTRY_NAMES[upper];
  if (row) return row[lang];
  if (/^[A-Z]{2}$/.test(upper)) {
    const fromPlatform = platform ? regionNames(lang)?.of(upper) : undefined;
    // With `fallback: "none"` an unknown region gives undefined; some engines echo the code.
    if (fromPlatform && fromPlatform.toUpperCase() !== upper) return fromPlatform;
  }
  return code;
}

/** "City, Country" with the punctuation of `lang` (Japanese uses 、). Empty parts drop out. */
export function joinPlace(parts: ReadonlyArray<string | null | undefined>, lang: Lang = uiLang.value): string {
  return parts.filter((p): p is string => typeof p === "string" && p.trim() !== "").join(lang === "ja" ? "、" : ", ");
}
