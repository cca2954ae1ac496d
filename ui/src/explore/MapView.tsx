// The map view: country outlines and one marker per matching city. Markers are buttons
// (keyboard reachable, named "Copenhagen, 3 cases…"); activating one asks to filter by city.

import { useMemo, useState } from "react";
import { Segmented } from "../components/common";
import { fmtNumber, t } from "../i18n";
import { MAP_HEIGHT, MAP_WIDTH, markers, outlines, PRESETS, type Marker, type Preset } from "./geo";
import type { Places } from "../bindings/Places";
import "../explore.css";
import { tracked } from "../signal";

/** The map for `places` in `preset`; `onCity` is called with a city's name when it is chosen. */
export const MapView = tracked(function MapView(props: {
  places: Places;
  preset: Preset;
  onPreset: (p: Preset) => void;
  onCity: (city: string) => void;
}) {
  const { places, preset } = props;
  const shapes = outlines(preset);
  const ms = useMemo(() => markers(places.places, preset), [places, preset]);
  const [active, setActive] = useState<Marker | null>(null);
  const outside = places.places.length - ms.length;
  const shown = active && ms.includes(active) ? active : null;

  const activate = (m: Marker) => props.onCity(m.place.city);

  return (
    <section className="map-view" data-testid="map-view" aria-label={t("view_map")}>
      <div className="map-toolbar">
        <Segmented
          label={t("map_preset")}
          options={PRESETS.map((p) => ({ value: p, text: t(`preset_${p}`), testId: `map-preset-${p}` }))}
          value={preset}
          onChange={props.onPreset}
        />
        <ul className="map-legend" aria-label={t("map_legend")}>
          {(["adaptation", "mitigation", "both"] as const).map((k) => (
            <li key={k}>
              <span className={`legend-dot marker-${k}`} aria-hidden="true" />
              {t(`type_${k}`)}
            </li>
          ))}
        </ul>
      </div>
      <div className="map-frame">
        <svg
          viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
          className="map-svg"
          role="group"
          aria-label={t("map_label")}
          data-testid="map-svg"
          onMouseLeave={() => setActive(null)}
        >
          <g className="map-countries" aria-hidden="true">
            {shapes.map((s) => (
              <path key={s.id} d={s.d} />
            ))}
          </g>
          <g className="map-markers">
            {ms.map((m) => {
              const name = m.place.count === 1
                  ? t("map_city_action_one", { city: m.place.city })
                  : t("map_city_action", { city: m.place.city, n: fmtNumber(m.place.count) });
              return (
                <circle
                  key={`${m.place.country}:${m.place.city}`}
                  className={`map-marker marker-${m.type}`}
                  cx={m.x}
                  cy={m.y}
                  r={m.r}
                  role="button"
                  tabIndex={0}
                  aria-label={name}
                  data-testid="map-marker"
                  data-city={m.place.city}
                  onMouseEnter={() => setActive(m)}
                  onFocus={() => setActive(m)}
                  onBlur={() => setActive(null)}
                  onClick={() => activate(m)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" || e.key === " ") {
                      e.preventDefault();
                      activate(m);
                    }
                  }}
                />
              );
            })}
          </g>
          {shown ? <Tip m={shown} /> : null}
        </svg>
      </div>
      <p className="map-notes" aria-live="polite">
        {ms.length === 0 ? <span>{t("map_empty")}</span> : null}
        {outside > 0 ? <span>{t("map_outside", { n: fmtNumber(outside) })}</span> : null}
        {places.unplaced > 0 ? <span>{t("map_unplaced", { n: fmtNumber(places.unplaced) })}</span> : null}
      </p>
    </section>
  );
});

/** The label shown for the hovered or focused marker, kept inside the map box. */
const Tip = tracked(function Tip(props: { m: Marker }) {
  const { m } = props;
  const text = m.place.count === 1
      ? t("map_city_one", { city: m.place.city })
      : t("map_city", { city: m.place.city, n: fmtNumber(m.place.count) });
  // Rough width: the label is short and the SVG has no layout engine to ask.
  const w = Math.max(60, [...text].length * 9 + 16);
  const x = Math.min(Math.max(m.x - w / 2, 2), MAP_WIDTH - w - 2);
  const above = m.y - m.r - 34 > 0;
  const y = above ? m.y - m.r - 34 : m.y + m.r + 6;
  return (
    <g className="map-tip" data-testid="map-tip" aria-hidden="true" pointerEvents="none">
      <rect x={x} y={y} width={w} height={28} rx={5} />
      <text x={x + w / 2} y={y + 19} textAnchor="middle">
        {text}
      </text>
    </g>
  );
});
