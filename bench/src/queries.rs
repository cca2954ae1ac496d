//! The query set: what users type and click, generated from the same seed and vocabulary as the
//! corpus so queries hit (and some miss).

use crate::corpus::{Words, word_of_rank};
use crate::taxo::TaxonomyIds;
use crate::vocab::{self, EU_CITIES, JP_CITIES, THEMES};
use casebook::SearchRequest;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What kind of request a query is (reported per kind, and used to choose the agreed subset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One word (also a prefix, being the last word).
    Word1,
    /// One or two of the most frequent words (`the`, `city project`): each matches most of the
    /// library, the hardest case for counting and ranking.
    Common,
    /// Two words.
    Word2,
    /// Three words.
    Word3,
    /// A quoted phrase.
    Phrase,
    /// A word being typed: one of its 1-6 letter prefixes.
    Prefix,
    /// Japanese words.
    Japanese,
    /// Words with an excluded `-word`.
    Exclude,
    /// Words plus facet filters.
    QueryFilter,
    /// Facet filters with an empty query.
    Filter,
    /// A year range (with or without words).
    Years,
    /// Empty query, no filters: browse everything.
    Browse,
}

impl Kind {
    /// Kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Word1 => "word1",
            Kind::Common => "common",
            Kind::Word2 => "word2",
            Kind::Word3 => "word3",
            Kind::Phrase => "phrase",
            Kind::Prefix => "prefix",
            Kind::Japanese => "japanese",
            Kind::Exclude => "exclude",
            Kind::QueryFilter => "query-filter",
            Kind::Filter => "filter",
            Kind::Years => "years",
            Kind::Browse => "browse",
        }
    }
}

/// One benchmark query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Query {
    /// Its kind.
    pub kind: Kind,
    /// The text typed.
    pub query: String,
    /// Selected facet values.
    pub filters: BTreeMap<String, Vec<String>>,
    /// Earliest start year.
    pub from: Option<i32>,
    /// Latest start year.
    pub to: Option<i32>,
}

impl Query {
    /// The request the UI sends for this query: the first page of 10 hits with snippets, the
    /// total and all facet counts.
    pub fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.query.clone(),
            filters: self.filters.clone(),
            from: self.from,
            to: self.to,
            limit: 10,
            offset: 0,
            ui_lang: Some("en".into()),
            // The search box asks for suggestions with every typed query.
            suggest: !self.query.trim().is_empty(),
        }
    }

    /// A one-line description (`word2 "flood drainage" hazard=flooding 2015..`).
    pub fn describe(&self) -> String {
        let mut s = format!("{} {:?}", self.kind.name(), self.query);
        for (f, v) in &self.filters {
            s.push_str(&format!(" {f}={}", v.join("|")));
        }
        if self.from.is_some() || self.to.is_some() {
            s.push_str(&format!(
                " {}..{}",
                self.from.map(|y| y.to_string()).unwrap_or_default(),
                self.to.map(|y| y.to_string()).unwrap_or_default()
            ));
        }
        s
    }
}

/// Single English words the corpus uses: theme terms without spaces, cities, general words.
fn english_word(rng: &mut ChaCha8Rng, words: &Words) -> String {
    let x: f64 = rng.random();
    if x < 0.45 {
        let theme = &THEMES[rng.random_range(0..THEMES.len())];
        let singles: Vec<&str> = theme
            .terms
            .iter()
            .copied()
            .filter(|t| !t.contains(' '))
            .collect();
        if !singles.is_empty() {
            return singles[rng.random_range(0..singles.len())].to_string();
        }
    }
    if x < 0.55 {
        let city = if rng.random_bool(0.8) {
            &EU_CITIES[rng.random_range(0..EU_CITIES.len())]
        } else {
            &JP_CITIES[rng.random_range(0..JP_CITIES.len())]
        };
        return city.0.to_lowercase();
    }
    if x < 0.8 {
        return vocab::GENERAL_WORDS[rng.random_range(0..vocab::GENERAL_WORDS.len())].to_string();
    }
    // A word of the long tail, drawn like the corpus draws it: rare words with few hits.
    let mut w = words.general(rng).into_owned();
    if w.len() < 3 {
        w = word_of_rank(rng.random_range(300..5000)).into_owned();
    }
    w
}

fn facet_filters(
    rng: &mut ChaCha8Rng,
    tax: &TaxonomyIds,
    n_values: usize,
) -> BTreeMap<String, Vec<String>> {
    let mut filters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut added = 0;
    let mut guard = 0;
    while added < n_values && guard < 50 {
        guard += 1;
        // Every counted facet of the panel (the map's `city` filter is a query word's job).
        const PICK: [&str; 14] = [
            "hazard",
            "hazard",
            "sector",
            "sector",
            "measure",
            "measure",
            "region",
            "programme",
            "country",
            "type",
            "status",
            "language",
            "population",
            "coastal",
        ];
        let facet = PICK[rng.random_range(0..PICK.len())];
        let value = match facet {
            "country" => {
                let c = if rng.random_bool(0.8) {
                    &EU_CITIES[rng.random_range(0..EU_CITIES.len())]
                } else {
                    &JP_CITIES[rng.random_range(0..JP_CITIES.len())]
                };
                c.1.to_string()
            }
            "type" => ["adaptation", "mitigation", "both"][rng.random_range(0..3)].to_string(),
            "status" => ["planned", "ongoing", "completed"][rng.random_range(0..3)].to_string(),
            "language" => if rng.random_bool(0.7) { "en" } else { "ja" }.to_string(),
            "population" => casebook::POPULATION_BANDS
                [rng.random_range(0..casebook::POPULATION_BANDS.len())]
            .to_string(),
            "coastal" => if rng.random_bool(0.5) {
                "coastal"
            } else {
                "inland"
            }
            .to_string(),
            _ => {
                let values = tax.values(facet);
                if values.is_empty() {
                    continue;
                }
                // Parents (ids without `/`) are chosen about a third of the time.
                let parents: Vec<&String> = values.iter().filter(|v| !v.contains('/')).collect();
                if rng.random_bool(0.33) && !parents.is_empty() {
                    parents[rng.random_range(0..parents.len())].clone()
                } else {
                    values[rng.random_range(0..values.len())].clone()
                }
            }
        };
        let entry = filters.entry(facet.to_string()).or_default();
        if !entry.contains(&value) {
            entry.push(value);
            added += 1;
        }
    }
    filters
}

fn japanese_word(rng: &mut ChaCha8Rng) -> String {
    if rng.random_bool(0.25) {
        return vocab::JA_COMMON[rng.random_range(0..vocab::JA_COMMON.len())].to_string();
    }
    let theme = &THEMES[rng.random_range(0..THEMES.len())];
    let w = theme.terms_ja[rng.random_range(0..theme.terms_ja.len())];
    // Single characters (市) are left out: see BENCHMARKS.md on Japanese in the baseline.
    if w.chars().count() < 2 {
        return "脱炭素".to_string();
    }
    w.to_string()
}

/// Generates about `n` queries from `seed` (the full set is about 300; smoke uses ~60).
pub fn generate(n: usize, seed: u64, tax: &TaxonomyIds) -> Vec<Query> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(u64::MAX);
    let words = Words::new();
    let scale = |k: usize| (k * n).div_ceil(300).max(1);
    let mut out = Vec::new();
    let q = |kind, query: String| Query {
        kind,
        query,
        filters: BTreeMap::new(),
        from: None,
        to: None,
    };
    for _ in 0..scale(40) {
        out.push(q(Kind::Word1, english_word(&mut rng, &words)));
    }
    for k in 0..scale(15) {
        // Function words and the most frequent planning words: each is in most case files.
        let common = |rng: &mut ChaCha8Rng| {
            if rng.random_bool(0.5) {
                vocab::FUNCTION_WORDS[rng.random_range(0..8)]
            } else {
                vocab::GENERAL_WORDS[rng.random_range(0..10)]
            }
        };
        let a = common(&mut rng);
        let query = if k % 3 == 2 {
            format!("{a} {}", common(&mut rng))
        } else {
            a.to_string()
        };
        out.push(q(Kind::Common, query));
    }
    for _ in 0..scale(40) {
        let a = english_word(&mut rng, &words);
        let b = english_word(&mut rng, &words);
        out.push(q(Kind::Word2, format!("{a} {b}")));
    }
    for _ in 0..scale(20) {
        let a = english_word(&mut rng, &words);
        let b = english_word(&mut rng, &words);
        let c = english_word(&mut rng, &words);
        out.push(q(Kind::Word3, format!("{a} {b} {c}")));
    }
    for _ in 0..scale(20) {
        let theme = &THEMES[rng.random_range(0..THEMES.len())];
        let phrases: Vec<&str> = theme
            .terms
            .iter()
            .copied()
            .filter(|t| t.contains(' '))
            .collect();
        let p = if phrases.is_empty() {
            "heat pump"
        } else {
            phrases[rng.random_range(0..phrases.len())]
        };
        if rng.random_bool(0.3) {
            let w = english_word(&mut rng, &words);
            out.push(q(Kind::Phrase, format!("\"{p}\" {w}")));
        } else {
            out.push(q(Kind::Phrase, format!("\"{p}\"")));
        }
    }
    // Every prefix of a word as a user types it (1 to 6 letters: the first keystroke is a
    // one-letter query), sometimes after a first word.
    let mut typed = 0;
    while typed < scale(40) {
        let w = english_word(&mut rng, &words);
        let lead = if rng.random_bool(0.3) {
            format!("{} ", english_word(&mut rng, &words))
        } else {
            String::new()
        };
        for len in 1..=w.len().min(6) {
            if !w.is_char_boundary(len) {
                continue;
            }
            out.push(q(Kind::Prefix, format!("{lead}{}", &w[..len])));
            typed += 1;
        }
    }
    for k in 0..scale(25) {
        let mut query = japanese_word(&mut rng);
        if k % 3 == 1 {
            query = format!("{query} {}", japanese_word(&mut rng));
        }
        let mut item = q(Kind::Japanese, query);
        if k % 4 == 3 {
            item.filters = facet_filters(&mut rng, tax, 1);
        }
        out.push(item);
    }
    for _ in 0..scale(10) {
        let a = english_word(&mut rng, &words);
        let b = english_word(&mut rng, &words);
        out.push(q(Kind::Exclude, format!("{a} -{b}")));
    }
    for _ in 0..scale(30) {
        let mut item = q(Kind::QueryFilter, english_word(&mut rng, &words));
        let n = rng.random_range(1..=3);
        item.filters = facet_filters(&mut rng, tax, n);
        out.push(item);
    }
    for _ in 0..scale(30) {
        let mut item = q(Kind::Filter, String::new());
        let n = rng.random_range(1..=3);
        item.filters = facet_filters(&mut rng, tax, n);
        out.push(item);
    }
    for k in 0..scale(20) {
        let query = if k % 2 == 0 {
            english_word(&mut rng, &words)
        } else {
            String::new()
        };
        let mut item = q(Kind::Years, query);
        let from = rng.random_range(1996..=2024);
        match k % 3 {
            0 => item.from = Some(from),
            1 => item.to = Some(from),
            _ => {
                item.from = Some(from);
                item.to = Some((from + rng.random_range(0..=6)).min(2026));
            }
        }
        if k % 5 == 4 {
            item.filters = facet_filters(&mut rng, tax, 1);
        }
        out.push(item);
    }
    for _ in 0..scale(3) {
        out.push(q(Kind::Browse, String::new()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxo;

    #[test]
    fn deterministic_and_covers_every_kind() {
        let tax = TaxonomyIds::load(&taxo::default_path()).expect("taxonomy");
        let a = generate(300, 5, &tax);
        let b = generate(300, 5, &tax);
        assert_eq!(a, b);
        assert!((250..400).contains(&a.len()), "{} queries", a.len());
        for kind in [
            Kind::Word1,
            Kind::Common,
            Kind::Word2,
            Kind::Word3,
            Kind::Phrase,
            Kind::Prefix,
            Kind::Japanese,
            Kind::Exclude,
            Kind::QueryFilter,
            Kind::Filter,
            Kind::Years,
            Kind::Browse,
        ] {
            assert!(a.iter().any(|q| q.kind == kind), "no {kind:?}");
        }
        for q in &a {
            for (facet, values) in &q.filters {
                for v in values {
                    if casebook::taxonomy::TAXONOMY_FACETS.contains(&facet.as_str()) {
                        assert!(tax.has(facet, v), "{facet}={v}");
                    }
                }
            }
            if q.kind == Kind::Prefix {
                let last = q.query.rsplit(' ').next().unwrap_or("");
                assert!((1..=6).contains(&last.len()), "{}", q.query);
            }
        }
        let small = generate(60, 5, &tax);
        assert!(small.len() < 100);
    }
}
