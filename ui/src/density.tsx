// Density of the result list: a skip link past the filters, and a compact mode (one or two
// lines per result, like a library catalogue) remembered in the settings.

import { useEffect } from "react";
import type { Backend } from "./api";
import { useStore } from "./components/common";
import { t } from "./i18n";
import { signal, tracked } from "./signal";
import "./density.css";

/** Store key of the list density. */
export const SETTING_DENSITY = "list_density";

/** Whether the result list is compact. */
export const compact = signal(false);

function apply(on: boolean): void {
  if (on) document.documentElement.dataset.density = "compact";
  else delete document.documentElement.dataset.density;
}

/** Switches the compact list on or off and remembers it. */
export async function setCompact(backend: Backend, on: boolean): Promise<void> {
  compact.value = on;
  apply(on);
  await backend.setSetting(SETTING_DENSITY, on ? "compact" : "comfortable").catch(() => undefined);
}

/** Loads the remembered density while the app is mounted. */
export function useDensity(backend: Backend): void {
  useEffect(() => {
    let live = true;
    void backend
      .getSetting(SETTING_DENSITY)
      .catch(() => null)
      .then((v) => {
        if (!live) return;
        compact.value = v === "compact";
        apply(compact.value);
      });
    return () => {
      live = false;
    };
  }, [backend]);
}

/** The first stop of the Tab order: straight to the results, past the search bar and filters. */
export const SkipLink = tracked(function SkipLink() {
  return (
    <a
      href="#results-list"
      className="skip-link"
      data-testid="skip-link"
      onClick={(e) => {
        e.preventDefault();
        document.getElementById("results-list")?.focus();
      }}
    >
      {t("skip_to_results")}
    </a>
  );
});

/** The compact / comfortable switch above the list. */
export const DensityToggle = tracked(function DensityToggle() {
  const store = useStore();
  const on = compact.value;
  return (
    <button
      type="button"
      className="button button-quiet density-toggle"
      data-testid="density-toggle"
      aria-pressed={on}
      title={t("compact_list_hint")}
      onClick={() => void setCompact(store.backend, !on)}
    >
      {t("compact_list")}
    </button>
  );
});
