// The map and overview panes, which load their data for the current search through the backend
// and drop answers that arrived too late. The app loads this module (and the map's outlines,
// most of the UI's script) only when the user first switches to one of these views.

import { useEffect, useRef, useState } from "react";
import { toApiError } from "../api";
import { useStore } from "../components/common";
import { Chips } from "../components/Results";
import { t, uiLang } from "../i18n";
import type { Store } from "../store";
import { outlines } from "./geo";
import { MapView } from "./MapView";
import { Overview } from "./Overview";
import { exploreMode, mapPreset } from "./state";
import { ExploreStatus } from "./ViewSwitch";
import type { Places } from "../bindings/Places";
import type { Stats } from "../bindings/Stats";
import "../explore.css";
import { tracked } from "../signal";

/** Adds `city` as a filter (one chip per city) and shows the filtered list. */
export function filterCity(store: Store, city: string): void {
  const current = store.filters.value.city ?? [];
  exploreMode.value = "list";
  if (!current.includes(city)) store.setFilters({ ...store.filters.value, city: [...current, city] });
}

/** Adds `id` of `facet` as a filter unless it is already selected. */
export function addFilter(store: Store, facet: string, id: string): void {
  const current = store.filters.value[facet] ?? [];
  if (!current.includes(id)) store.setFilters({ ...store.filters.value, [facet]: [...current, id] });
}

/** Loads `load(request)` whenever the search changes; the latest answer wins. */
function useSearchData<T>(load: (store: Store) => Promise<T>): { data: T | null; error: string | null } {
  const store = useStore();
  const request = { ...store.request(0, 0), suggest: false };
  const key = JSON.stringify(request);
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({
    key: "",
    data: null,
    error: null,
  });
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    load(store).then(
      (data) => {
        if (mine === seq.current) setState({ key, data, error: null });
      },
      (e) => {
        if (mine === seq.current) setState({ key, data: null, error: toApiError(e).message });
      },
    );
    // `key` captures every input of the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { data: state.data, error: state.error };
}

/** The map or the overview, whichever the switch selects. */
export const ExplorePane = tracked(function ExplorePane() {
  const mode = exploreMode.value;
  return (
    <div className="explore-pane" lang={uiLang.value}>
      <Chips />
      {mode === "map" ? <MapPane /> : mode === "overview" ? <OverviewPane /> : null}
    </div>
  );
});

/** The loading line (see [`ExploreStatus`]) or the error of the latest request. */
const Status = tracked(function Status(props: { error: string | null }) {
  return <ExploreStatus message={props.error !== null ? t("explore_error", { message: props.error }) : null} />;
});

const MapPane = tracked(function MapPane() {
  const store = useStore();
  // Draw the outlines while the backend collects the places: both are needed, and the
  // outlines do not depend on the search (computed once per area).
  const preset = mapPreset.value;
  useEffect(() => void outlines(preset), [preset]);
  const { data, error } = useSearchData<Places>((s) => s.backend.places({ ...s.request(0, 0), suggest: false }));
  if (data === null) return <Status error={error} />;
  return (
    <MapView
      places={data}
      preset={mapPreset.value}
      onPreset={(p) => (mapPreset.value = p)}
      onCity={(city) => filterCity(store, city)}
    />
  );
});

const OverviewPane = tracked(function OverviewPane() {
  const store = useStore();
  const { data, error } = useSearchData<Stats>((s) => s.backend.stats({ ...s.request(0, 0), suggest: false }));
  if (data === null) return <Status error={error} />;
  return (
    <Overview
      stats={data}
      onFilter={(facet, id) => addFilter(store, facet, id)}
      onYear={(y) => store.setYears(y, y)}
      onOpen={(id) => void store.open(id)}
    />
  );
});
