// The explore commands of the backend.

import { ApiError, type Backend } from "../api";
import type { SearchRequest } from "../bindings/SearchRequest";
import type { LikeHit, Places, Stats } from "./types";

/** The backend's explore commands. */
export interface ExploreApi {
  places(request: SearchRequest): Promise<Places>;
  stats(request: SearchRequest): Promise<Stats>;
  like(id: string, limit: number, lang: string): Promise<LikeHit[]>;
}

/** The explore commands of `backend`; a backend without them answers with an error. */
export function exploreApi(backend: Backend): ExploreApi {
  const b = backend as Backend & Partial<ExploreApi>;
  const missing = (name: string) => Promise.reject(new ApiError("unsupported", `this backend has no \`${name}\` command`));
  return {
    places: (r) => (b.places ? b.places(r) : missing("places")),
    stats: (r) => (b.stats ? b.stats(r) : missing("stats")),
    like: (id, limit, lang) => (b.like ? b.like(id, limit, lang) : missing("like")),
  };
}
