// Shapes of the explore commands (`places`, `stats`) as the core returns them.

/** One city among all matches of a search, with its case counts by type. */
export interface Place {
  city: string;
  country: string;
  lat: number;
  lon: number;
  count: number;
  adaptation: number;
  mitigation: number;
  both: number;
}

/** The cities of a search plus the matching cases that have no coordinates. */
export interface Places {
  places: Place[];
  unplaced: number;
}

/** One bar: a facet value and its number of cases. */
export interface StatCount {
  id: string;
  label: string;
  count: number;
}

/** Cases started in one year. */
export interface YearCount {
  year: number;
  count: number;
}

/** A taxonomy value that no case uses. */
export interface UnusedValue {
  facet: string;
  id: string;
  label: string;
}

/** A case with its numbers of outcomes and sources (curator lists). */
export interface CaseCounts {
  id: string;
  title: string;
  outcomes: number;
  sources: number;
}

/** Counts over all matches of a search. */
export interface Stats {
  hazard: StatCount[];
  sector: StatCount[];
  measure: StatCount[];
  programme: StatCount[];
  country: StatCount[];
  years: YearCount[];
  unused: UnusedValue[];
  fewest_outcomes: CaseCounts[];
  fewest_sources: CaseCounts[];
}

/** A case whose place resembles the open case's, with the reasons in the UI language. */
export interface LikeHit {
  id: string;
  title: string;
  city: string;
  country: string;
  score: number;
  reasons: string[];
}
