// The map's geometry, kept free of React so it can be tested and timed on its own: country
// outlines from Natural Earth (the `world-atlas` package, bundled, nothing fetched), one
// projection per preset, and where each city's marker goes and how big it is.

import { geoMercator, geoNaturalEarth1, geoPath, type GeoProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import world50 from "world-atlas/countries-50m.json";
import world110 from "world-atlas/countries-110m.json";
import type { Place } from "../bindings/Place";
import { scaleSqrtClamped } from "./scales";

/** The map presets. */
export type Preset = "europe" | "japan" | "world";
export const PRESETS: readonly Preset[] = ["europe", "japan", "world"];

/** Size of the SVG's coordinate system; the element scales to its box. */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 600;

/** The area each preset shows, as [west, south, east, north] in degrees. */
const EXTENTS: Record<Preset, [number, number, number, number]> = {
  europe: [-12, 35, 35, 68],
  japan: [127, 30, 146, 45.5],
  world: [-180, -58, 180, 80],
};

/** A projection fitted to `preset`'s area within the map box. Europe and Japan are small
 * enough for Mercator to keep shapes familiar; the world uses Natural Earth, which does not
 * blow up the poles. */
export function projectionFor(preset: Preset): GeoProjection {
  const [w, s, e, n] = EXTENTS[preset];
  const box = { type: "MultiPoint" as const, coordinates: [[w, s], [e, n], [w, n], [e, s]] };
  const p = preset === "world" ? geoNaturalEarth1() : geoMercator();
  return p.fitExtent(
    [
      [8, 8],
      [MAP_WIDTH - 8, MAP_HEIGHT - 8],
    ],
    box,
  );
}

type Countries = FeatureCollection<Geometry, { name: string }>;
type World = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/** Countries drawn on the Japan map, from the finer outlines (ISO 3166 numeric ids: Japan,
 * the Koreas, China, Taiwan, Russia). Converting only these keeps the map fast. */
const JAPAN_MAP_COUNTRIES = new Set(["392", "410", "408", "156", "158", "643"]);

function countries(topology: unknown, keep?: Set<string>): Countries {
  const t = topology as World;
  const all = t.objects.countries;
  const obj = keep ? { ...all, geometries: all.geometries.filter((g) => keep.has(String(g.id))) } : all;
  return feature(t, obj) as Countries;
}

let world110Features: Countries | null = null;

const outlineCache = new Map<Preset, { id: string; d: string }[]>();

/** SVG path data of every country visible in `preset` (computed once per preset: the
 * outlines do not depend on the search). Japan, small on a world scale, uses the finer
 * 1:50m outlines; Europe and the world the 1:110m ones, which draw in a fraction of the time. */
export function outlines(preset: Preset): { id: string; d: string }[] {
  const cached = outlineCache.get(preset);
  if (cached) return cached;
  const projection = projectionFor(preset).clipExtent([
    [0, 0],
    [MAP_WIDTH, MAP_HEIGHT],
  ]);
  const path = geoPath(projection);
  const out: { id: string; d: string }[] = [];
  const fc = preset === "japan" ? countries(world50, JAPAN_MAP_COUNTRIES) : (world110Features ??= countries(world110));
  fc.features.forEach((f: Feature<Geometry, { name: string }>, i) => {
    const d = path(f);
    if (d) out.push({ id: `${String(f.id ?? f.properties.name)}-${i}`, d });
  });
  outlineCache.set(preset, out);
  return out;
}

/** The colour class of a city: one type only, or `both` when its cases mix types. */
export function placeType(p: Place): "adaptation" | "mitigation" | "both" {
  if (p.adaptation > 0 && p.mitigation === 0 && p.both === 0) return "adaptation";
  if (p.mitigation > 0 && p.adaptation === 0 && p.both === 0) return "mitigation";
  return "both";
}

/** A city's marker: where it goes on the map and its radius. */
export interface Marker {
  place: Place;
  x: number;
  y: number;
  r: number;
  type: "adaptation" | "mitigation" | "both";
}

/** Smallest and largest marker radius, in map units. */
export const MIN_RADIUS = 5;
export const MAX_RADIUS = 22;

/** The markers of `places` that fall inside `preset`'s map, largest first so that smaller
 * markers are drawn on top and stay clickable. Area grows with the number of cases. */
export function markers(places: readonly Place[], preset: Preset): Marker[] {
  const projection = projectionFor(preset);
  const max = places.reduce((m, p) => Math.max(m, p.count), 1);
  const radius = scaleSqrtClamped([1, max], [MIN_RADIUS, MAX_RADIUS]);
  const out: Marker[] = [];
  for (const place of places) {
    const xy = projection([place.lon, place.lat]);
    if (!xy) continue;
    const [x, y] = xy;
    if (!(x >= 0 && x <= MAP_WIDTH && y >= 0 && y <= MAP_HEIGHT)) continue;
    out.push({ place, x, y, r: max === 1 ? MIN_RADIUS + 3 : radius(place.count), type: placeType(place) });
  }
  out.sort((a, b) => b.r - a.r || a.place.city.localeCompare(b.place.city));
  return out;
}
