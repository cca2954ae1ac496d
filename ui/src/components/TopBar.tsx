// The top bar: search box, Problems tab, language and theme switches, settings.

import type { KeyboardEvent, RefObject } from "react";
import { t, uiLang, type Lang } from "../i18n";
import type { Theme } from "../store";
import { Icon, useStore } from "./common";

const THEMES: Theme[] = ["system", "light", "dark"];

/** The top bar. `inputRef` lets the app focus the search box from keyboard shortcuts. */
export function TopBar(props: { inputRef: RefObject<HTMLInputElement | null>; onSearchKey: (e: KeyboardEvent<HTMLElement>) => void }) {
  const store = useStore();
  const problems = store.diagnostics.value.length;
  const errors = store.errors.value;
  const theme = store.theme.value;
  const nextTheme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length] ?? "system";
  const themeName = (th: Theme) => t(th === "light" ? "theme_light" : th === "dark" ? "theme_dark" : "theme_system");
  const langs: Lang[] = ["en", "ja"];
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
          data-testid="search-input"
          className="search-input"
          placeholder={t("search_placeholder")}
          aria-label={t("search_label")}
          aria-controls="results-list"
          autoComplete="off"
          spellCheck={false}
          value={store.query.value}
          onChange={(e) => store.setQuery(e.currentTarget.value)}
          onKeyDown={props.onSearchKey}
        />
        <kbd className="search-kbd" aria-hidden="true">/</kbd>
      </div>
      <nav className="topbar-actions" aria-label={t("settings")}>
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
}
