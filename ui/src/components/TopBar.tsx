// The top bar: search box, Problems tab, language and theme switches, settings.

import type { KeyboardEvent, RefObject } from "react";
import { t, uiLang, type Lang } from "../i18n";
import type { Theme } from "../store";
import { Icon, useStore } from "./common";
import { tracked } from "../signal";

const THEMES: Theme[] = ["system", "light", "dark"];

/** What kind of thing a suggestion is, in the UI language. */
function kindLabel(kind: string): string {
  switch (kind) {
    case "case":
      return t("suggestion_case");
    case "city":
      return t("suggestion_city");
    case "hazard":
      return t("facet_hazard");
    case "sector":
      return t("facet_sector");
    case "measure":
      return t("facet_measure");
    case "region":
      return t("facet_region");
    case "programme":
      return t("facet_programme");
    default:
      return kind;
  }
}

/** The top bar. `inputRef` lets the app focus the search box from keyboard shortcuts. */
export const TopBar = tracked(function TopBar(props: { inputRef: RefObject<HTMLInputElement | null>; onSearchKey: (e: KeyboardEvent<HTMLElement>) => void }) {
  const store = useStore();
  const problems = store.diagnostics.value.length;
  const errors = store.errors.value;
  const theme = store.theme.value;
  const nextTheme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? "system";
  const themeName = (th: Theme) => t(th === "light" ? "theme_light" : th === "dark" ? "theme_dark" : "theme_system");
  const langs: Lang[] = ["en", "ja"];
  const suggestions = store.suggestions.value;
  const open = store.suggestOpen.value && suggestions.length > 0;
  const active = store.suggestIndex.value;
  // While the suggestions are shown the arrows move in them, Enter applies the highlighted
  // one and Esc closes them; otherwise the keys go to the result list as before.
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (open) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        store.moveSuggestion(e.key === "ArrowDown" ? 1 : -1);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        store.suggestOpen.value = false;
        return;
      }
      const chosen = suggestions[active];
      if (e.key === "Enter" && chosen !== undefined) {
        e.preventDefault();
        store.applySuggestion(chosen);
        return;
      }
      if (e.key === "Enter") store.suggestOpen.value = false;
    }
    props.onSearchKey(e);
  };
  return (
    <header className="topbar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" />
        <span className="brand-name">{t("app_name")}</span>
      </div>
      <button
        type="button"
        className="icon-button filters-toggle"
        aria-label={store.filtersOpen.value ? t("hide_filters") : t("show_filters")}
        aria-expanded={store.filtersOpen.value}
        aria-controls="facet-panel"
        onClick={() => (store.filtersOpen.value = !store.filtersOpen.value)}
      >
        <Icon name="filter" />
        <span className="filters-toggle-label">{t("filters")}</span>
      </button>
      <div className="search" role="search">
        <Icon name="search" />
        <input
          ref={props.inputRef}
          type="search"
          role="combobox"
          data-testid="search-input"
          className="search-input"
          placeholder={t("search_placeholder")}
          aria-label={t("search_label")}
          aria-controls={open ? "search-suggestions" : "results-list"}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-activedescendant={open && active >= 0 ? `suggestion-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          value={store.query.value}
          onChange={(e) => store.setQuery(e.currentTarget.value)}
          onKeyDown={onKey}
          onBlur={() => (store.suggestOpen.value = false)}
        />
        {open ? (
          <ul className="suggestions" id="search-suggestions" role="listbox" aria-label={t("suggestions")} data-testid="suggestions">
            {suggestions.map((s, i) => (
              <li
                key={`${s.kind}:${s.value}`}
                id={`suggestion-${i}`}
                role="option"
                aria-selected={i === active}
                className={`suggestion ${i === active ? "is-active" : ""}`}
                data-testid="suggestion"
                data-kind={s.kind}
                // Before the input's blur closes the list.
                onMouseDown={(e) => {
                  e.preventDefault();
                  store.applySuggestion(s);
                }}
              >
                <span className="suggestion-kind">{kindLabel(s.kind)}</span>
                <span className="suggestion-label">{s.label}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <kbd className="search-kbd" aria-hidden="true">/</kbd>
      </div>
      <nav className="topbar-actions" aria-label={t("settings")}>
        <button
          type="button"
          data-testid="collections-tab"
          className={`tab ${store.view.value === "collections" ? "is-active" : ""}`}
          aria-pressed={store.view.value === "collections"}
          aria-label={t("collections_tab", { n: store.workshop.collections.value.length })}
          onClick={() => {
            if (store.view.value === "collections") {
              store.view.value = "results";
              return;
            }
            store.closeCase();
            store.view.value = "collections";
            void store.workshop.refresh();
          }}
        >
          <span aria-hidden="true">★</span>
          <span className="tab-label">{t("collections")}</span>
          <span className="count-badge">{store.workshop.collections.value.length}</span>
        </button>
        <button
          type="button"
          data-testid="problems-tab"
          className={`tab ${store.view.value === "problems" ? "is-active" : ""} ${errors > 0 ? "has-errors" : problems > 0 ? "has-warnings" : ""}`}
          aria-pressed={store.view.value === "problems"}
          aria-label={t("problems_tab", { n: problems })}
          onClick={() => (store.view.value = store.view.value === "problems" ? "results" : "problems")}
        >
          <Icon name="warning" />
          <span className="tab-label">{t("problems")}</span>
          <span className="count-badge" data-testid="problems-count">{problems}</span>
        </button>
        <div className="segmented" role="group" aria-label={t("language_switch")}>
          {langs.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={uiLang.value === l}
              className={uiLang.value === l ? "is-on" : ""}
              onClick={() => void store.setLang(l)}
            >
              {l === "en" ? "EN" : "日本語"}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={`${t("theme_switch")}: ${themeName(theme)} → ${themeName(nextTheme)}`}
          title={`${t("theme_switch")}: ${themeName(theme)}`}
          onClick={() => void store.setTheme(nextTheme)}
        >
          <Icon name={theme === "light" ? "sun" : theme === "dark" ? "moon" : "auto"} />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t("settings")}
          title={t("settings")}
          aria-haspopup="dialog"
          onClick={() => (store.settingsOpen.value = true)}
        >
          <Icon name="gear" />
        </button>
      </nav>
    </header>
  );
});
