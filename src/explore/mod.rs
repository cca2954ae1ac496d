//! Exploring the library as a whole: the places of the matching cases (the map), counts over
//! all matches (the overview and `casebook stats`) and "cities like this one" (similarity of
//! place, not of words). The index supplies [`CaseFacts`] per matching case; this module only
//! aggregates them, so it is plain code over a list.

use crate::search::builtin_label;
use crate::taxonomy::{TAXONOMY_FACETS, Taxonomy};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use ts_rs::TS;

/// What exploring needs of one matching case (one file: the one shown for the case).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    /// Case id.
    pub id: String,
    /// Title in the file's language.
    pub title: String,
    /// City in the file's language.
    pub city: String,
    /// Facet values `(facet, id)`, taxonomy ancestors included (`flooding` with
    /// `flooding/pluvial`).
    pub values: Vec<(&'static str, String)>,
    /// Year started.
    pub started: Option<i32>,
    /// `[latitude, longitude]`.
    pub coordinates: Option<[f64; 2]>,
    /// Number of outcomes.
    pub outcomes: u32,
    /// Number of sources.
    pub sources: u32,
}

impl CaseFacts {
    /// The ids of `facet`'s values.
    fn of<'a>(&'a self, facet: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.values
            .iter()
            .filter(move |(f, _)| *f == facet)
            .map(|(_, v)| v.as_str())
    }

    /// The one value of a single-valued facet (the deepest, for a hierarchical one).
    fn single<'a>(&'a self, facet: &'a str) -> Option<&'a str> {
        self.of(facet).max_by_key(|v| v.len())
    }

    /// The values of `facet` that are not an ancestor of another of its values.
    fn leaves<'a>(&'a self, facet: &'a str) -> BTreeSet<&'a str> {
        let all: Vec<&str> = self.of(facet).collect();
        all.iter()
            .copied()
            .filter(|v| {
                !all.iter()
                    .any(|o| o.len() > v.len() && o.starts_with(v) && o[v.len()..].starts_with('/'))
            })
            .collect()
    }
}

/// One city on the map: the matching cases located there.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Place {
    /// City name in the request's UI language where the case has a translation (also the
    /// value of the `city` filter that selects these cases).
    pub city: String,
    /// Country code (`DK`).
    pub country: String,
    /// Latitude (mean over the city's cases).
    pub lat: f64,
    /// Longitude (mean over the city's cases).
    pub lon: f64,
    /// Matching cases in this city.
    pub count: u32,
    /// Of which adaptation cases.
    pub adaptation: u32,
    /// Of which mitigation cases.
    pub mitigation: u32,
    /// Of which cases of both types.
    pub both: u32,
}

/// The places of a request's matches, most cases first, and how many matches have no
/// coordinates (and so no marker).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Places {
    /// One entry per city.
    pub places: Vec<Place>,
    /// Matching cases without `coordinates`.
    pub unplaced: u32,
}

/// A value with its label and number of matching cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatCount {
    /// Value id (`flooding/pluvial`, `DK`).
    pub id: String,
    /// Label in the requested language.
    pub label: String,
    /// Matching cases with this value.
    pub count: u32,
}

/// Matching cases that started in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearCount {
    /// The year.
    pub year: i32,
    /// Cases that started that year.
    pub count: u32,
}

/// A taxonomy value no matching case uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnusedValue {
    /// Facet name (`hazard`).
    pub facet: String,
    /// Value id.
    pub id: String,
    /// Label in the requested language.
    pub label: String,
}

/// A case with its numbers of outcomes and sources (curator lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CuratorCase {
    /// Case id.
    pub id: String,
    /// Title in the requested language where translated.
    pub title: String,
    /// Number of outcomes.
    pub outcomes: u32,
    /// Number of sources.
    pub sources: u32,
}

/// Counts over all matches of a request (not a page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Stats {
    /// Matching cases.
    pub total: u32,
    /// Cases per hazard (parents count their children's cases), most first.
    pub hazard: Vec<StatCount>,
    /// Cases per sector, most first.
    pub sector: Vec<StatCount>,
    /// Cases per measure (parents included), most first.
    pub measure: Vec<StatCount>,
    /// Cases per programme (parents included), most first.
    pub programme: Vec<StatCount>,
    /// Cases per country, most first.
    pub country: Vec<StatCount>,
    /// Cases per start year, by year (years without cases left out).
    pub years: Vec<YearCount>,
    /// Matching cases without a start year.
    pub no_year: u32,
    /// Taxonomy values (hazard, sector, measure, region, programme) no matching case uses, in
    /// taxonomy order.
    pub unused: Vec<UnusedValue>,
    /// The [`CURATOR_LIST`] cases with the fewest outcomes (then fewest sources, then id).
    pub fewest_outcomes: Vec<CuratorCase>,
    /// The [`CURATOR_LIST`] cases with the fewest sources (then fewest outcomes, then id).
    pub fewest_sources: Vec<CuratorCase>,
}

/// Length of the curator lists of [`Stats`].
pub const CURATOR_LIST: usize = 10;

/// A case like another one, with why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LikeHit {
    /// Case id.
    pub id: String,
    /// Title in the requested language where translated.
    pub title: String,
    /// City in the requested language where translated.
    pub city: String,
    /// Country code.
    pub country: String,
    /// Similarity: the sum of the weights of [`LIKE_WEIGHTS`] that apply.
    pub score: f32,
    /// What the two places share, readable in the requested language ("also coastal",
    /// "250,000–1 million", "Pluvial and flash flooding").
    pub reasons: Vec<String>,
}

/// Weights of the similarities of place: same population band, both coastal or both inland,
/// each shared hazard, same region, same country. A band and the sea say most about what a
/// city can copy; the country least (its law and funding, not its geography).
pub const LIKE_WEIGHTS: LikeWeights = LikeWeights {
    band: 2.0,
    coastal: 1.5,
    hazard: 1.0,
    region: 1.0,
    country: 0.5,
};

/// See [`LIKE_WEIGHTS`].
#[derive(Debug, Clone, Copy)]
pub struct LikeWeights {
    /// Same population band.
    pub band: f32,
    /// Both coastal or both inland.
    pub coastal: f32,
    /// Per shared hazard.
    pub hazard: f32,
    /// Same region.
    pub region: f32,
    /// Same country.
    pub country: f32,
}

fn label(taxonomy: &Taxonomy, facet: &str, id: &str, lang: &str) -> String {
    if TAXONOMY_FACETS.contains(&facet) {
        taxonomy.label(facet, id, lang)
    } else {
        builtin_label(facet, id, lang)
    }
}

/// The places of `facts`: one per (country, city name), most cases first.
pub fn places(facts: &[CaseFacts]) -> Places {
    // (lat sum, lon sum, count, adaptation, mitigation, both) per (country, city).
    type Tally = (f64, f64, u32, u32, u32, u32);
    let mut by_city: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut unplaced = 0;
    for f in facts {
        let Some([lat, lon]) = f.coordinates else {
            unplaced += 1;
            continue;
        };
        let country = f.single("country").unwrap_or_default().to_string();
        let e = by_city
            .entry((country, f.city.trim().to_string()))
            .or_default();
        e.0 += lat;
        e.1 += lon;
        e.2 += 1;
        match f.single("type") {
            Some("adaptation") => e.3 += 1,
            Some("mitigation") => e.4 += 1,
            Some("both") => e.5 += 1,
            _ => {}
        }
    }
    let mut places: Vec<Place> = by_city
        .into_iter()
        .map(|((country, city), (la, lo, count, a, m, b))| Place {
            city,
            country,
            lat: la / f64::from(count),
            lon: lo / f64::from(count),
            count,
            adaptation: a,
            mitigation: m,
            both: b,
        })
        .collect();
    places.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.city.cmp(&b.city)));
    Places { places, unplaced }
}

/// The counts of `facts` with labels in `lang`.
pub fn stats(facts: &[CaseFacts], taxonomy: &Taxonomy, lang: &str) -> Stats {
    let mut counts: BTreeMap<(&str, &str), u32> = BTreeMap::new();
    let mut years: BTreeMap<i32, u32> = BTreeMap::new();
    let mut no_year = 0;
    for f in facts {
        for (facet, id) in &f.values {
            *counts.entry((facet, id.as_str())).or_default() += 1;
        }
        match f.started {
            Some(y) => *years.entry(y).or_default() += 1,
            None => no_year += 1,
        }
    }
    let per = |facet: &str| -> Vec<StatCount> {
        let mut list: Vec<StatCount> = counts
            .iter()
            .filter(|((f, _), _)| *f == facet)
            .map(|((_, id), &count)| StatCount {
                id: id.to_string(),
                label: label(taxonomy, facet, id, lang),
                count,
            })
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        list
    };
    let mut unused = Vec::new();
    for facet in TAXONOMY_FACETS {
        if let Some(values) = taxonomy.facets.get(facet) {
            for v in &values.values {
                if !counts.contains_key(&(facet, v.id.as_str())) {
                    unused.push(UnusedValue {
                        facet: facet.to_string(),
                        id: v.id.clone(),
                        label: label(taxonomy, facet, &v.id, lang),
                    });
                }
            }
        }
    }
    let curator = |f: &CaseFacts| CuratorCase {
        id: f.id.clone(),
        title: f.title.clone(),
        outcomes: f.outcomes,
        sources: f.sources,
    };
    let mut by_outcomes: Vec<&CaseFacts> = facts.iter().collect();
    by_outcomes.sort_by(|a, b| (a.outcomes, a.sources, &a.id).cmp(&(b.outcomes, b.sources, &b.id)));
    let mut by_sources: Vec<&CaseFacts> = facts.iter().collect();
    by_sources.sort_by(|a, b| (a.sources, a.outcomes, &a.id).cmp(&(b.sources, b.outcomes, &b.id)));
    Stats {
        total: u32::try_from(facts.len()).unwrap_or(u32::MAX),
        hazard: per("hazard"),
        sector: per("sector"),
        measure: per("measure"),
        programme: per("programme"),
        country: per("country"),
        years: years
            .into_iter()
            .map(|(year, count)| YearCount { year, count })
            .collect(),
        no_year,
        unused,
        fewest_outcomes: by_outcomes
            .into_iter()
            .take(CURATOR_LIST)
            .map(curator)
            .collect(),
        fewest_sources: by_sources
            .into_iter()
            .take(CURATOR_LIST)
            .map(curator)
            .collect(),
    }
}

/// The cases of `all` most like `target` by place, best first, at most `limit`; cases that
/// share nothing are left out. Reasons are in `lang`.
pub fn like(
    target: &CaseFacts,
    all: &[CaseFacts],
    taxonomy: &Taxonomy,
    lang: &str,
    limit: usize,
) -> Vec<LikeHit> {
    let ja = lang == "ja";
    let w = LIKE_WEIGHTS;
    let t_hazards = target.leaves("hazard");
    let mut hits: Vec<LikeHit> = Vec::new();
    for c in all.iter().filter(|c| c.id != target.id) {
        let mut score = 0.0f32;
        let mut reasons = Vec::new();
        if let (Some(a), Some(b)) = (target.single("coastal"), c.single("coastal"))
            && a == b
        {
            score += w.coastal;
            reasons.push(
                match (a, ja) {
                    ("coastal", false) => "also coastal",
                    ("coastal", true) => "同じく沿岸",
                    (_, false) => "also inland",
                    (_, true) => "同じく内陸",
                }
                .to_string(),
            );
        }
        if let (Some(a), Some(b)) = (target.single("population"), c.single("population"))
            && a == b
        {
            score += w.band;
            reasons.push(label(taxonomy, "population", a, lang));
        }
        let shared: Vec<&str> = c
            .leaves("hazard")
            .into_iter()
            .filter(|h| t_hazards.contains(h))
            .collect();
        for h in shared {
            score += w.hazard;
            reasons.push(label(taxonomy, "hazard", h, lang));
        }
        if let (Some(a), Some(b)) = (target.single("region"), c.single("region"))
            && a == b
        {
            score += w.region;
            reasons.push(label(taxonomy, "region", a, lang));
        }
        if let (Some(a), Some(b)) = (target.single("country"), c.single("country"))
            && a == b
        {
            score += w.country;
            reasons.push(label(taxonomy, "country", a, lang));
        }
        if score > 0.0 {
            hits.push(LikeHit {
                id: c.id.clone(),
                title: c.title.clone(),
                city: c.city.clone(),
                country: c.single("country").unwrap_or_default().to_string(),
                score,
                reasons,
            });
        }
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    hits.truncate(limit);
    hits
}

#[cfg(test)]
mod tests;
