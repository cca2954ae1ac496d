// Which view the results pane shows, and the map's area: UI state of the explore views.

import { signal } from "../signal";
import type { Preset } from "./geo";

/** The views of the results pane. */
export type ExploreMode = "list" | "map" | "overview";
export const MODES: readonly ExploreMode[] = ["list", "map", "overview"];

/** The current view of the results pane. */
export const exploreMode = signal<ExploreMode>("list");

/** The map's area. */
export const mapPreset = signal<Preset>("europe");
