//! Search requests and responses: the shapes the CLI prints with `--json` and the desktop UI
//! receives. The query engine itself lives in [`crate::index`].

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The facets a search can filter on, in display order. All but [`FILTER_ONLY`] are counted
/// in [`SearchResponse::facets`].
pub const FACETS: [&str; 12] = [
    "hazard",
    "sector",
    "measure",
    "region",
    "country",
    "programme",
    "type",
    "status",
    "language",
    "population",
    "coastal",
    "city",
];

/// Filters that are not counted as facets: `city` (exact city name as written in a case file,
/// English or Japanese) is set by clicking a place on the map; a panel of every city would be
/// a list of hundreds.
pub const FILTER_ONLY: [&str; 1] = ["city"];

/// Longest query accepted, in characters (a long sentence pasted into the search box fits).
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most filter values a request may select, over all facets.
pub const MAX_FILTER_VALUES: usize = 500;
/// Longest filter value, in bytes (ids are short).
pub const MAX_FILTER_VALUE_BYTES: usize = 200;

/// One search as the user asked it.
///
/// Filters OR within a facet and AND across facets; a parent taxonomy value (`flooding`)
/// selects its children (`flooding/pluvial`). `from`/`to` bound the `started` year, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SearchRequest {
    /// What the user typed; empty browses everything.
    pub query: String,
    /// Selected values per facet name (keys from [`FACETS`]).
    pub filters: BTreeMap<String, Vec<String>>,
    /// Earliest `started` year, inclusive.
    pub from: Option<i32>,
    /// Latest `started` year, inclusive.
    pub to: Option<i32>,
    /// Hits to return (0 means the default, 20).
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Language of facet labels (`en` or `ja`; default `en`).
    pub ui_lang: Option<String>,
    /// Also return [`SearchResponse::suggestions`] for the query as typed (the search box
    /// asks while the user types).
    pub suggest: bool,
}

impl SearchRequest {
    /// A request for `query` with no filters.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..Default::default()
        }
    }

    /// Adds `value` to the selection of `facet`.
    pub fn filter(mut self, facet: &str, value: impl Into<String>) -> Self {
        self.filters
            .entry(facet.to_string())
            .or_default()
            .push(value.into());
        self
    }

    /// Refuses a request too large to be a person's search: an overlong query (every word adds
    /// clauses over many fields and fuzzy automata) or an excessive number of filter values.
    /// Returns the message to show.
    pub fn check_size(&self) -> Result<(), String> {
        let chars = self.query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(format!(
                "the query is too long ({chars} characters; the limit is {MAX_QUERY_CHARS}): search for the few words that matter"
            ));
        }
        let values: usize = self.filters.values().map(Vec::len).sum();
        if values > MAX_FILTER_VALUES {
            return Err(format!(
                "too many filter values ({values}; the limit is {MAX_FILTER_VALUES})"
            ));
        }
        if let Some(v) = self
            .filters
            .values()
            .flatten()
            .find(|v| v.len() > MAX_FILTER_VALUE_BYTES)
        {
            return Err(format!(
                "a filter value is too long ({} bytes; the limit is {MAX_FILTER_VALUE_BYTES})",
                v.len()
            ));
        }
        Ok(())
    }

    /// The number of hits to return, with the default applied.
    pub fn effective_limit(&self) -> usize {
        if self.limit == 0 { 20 } else { self.limit }
    }
}

/// One facet value with the number of cases it would give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FacetCount {
    /// Value id (`flooding/pluvial`, `DK`, `ja`).
    pub id: String,
    /// Label in the request's UI language.
    pub label: String,
    /// Matching cases if this value were selected (disjunctive within its facet).
    pub count: u64,
}

/// One matching case file.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Hit {
    /// Case id.
    pub id: String,
    /// Title.
    pub title: String,
    /// City.
    pub city: String,
    /// Country code.
    pub country: String,
    /// Language of this file.
    pub lang: String,
    /// Relevance score (higher is better).
    pub score: f32,
    /// HTML: matched words in `<mark>`, everything else escaped.
    pub snippet: String,
    /// Hazard ids.
    pub hazards: Vec<String>,
    /// Sector ids.
    pub sectors: Vec<String>,
    /// Measure ids.
    pub measures: Vec<String>,
    /// Programme ids.
    pub programmes: Vec<String>,
    /// Region id.
    pub region: String,
    /// `adaptation`, `mitigation` or `both`.
    #[serde(rename = "type")]
    pub case_type: String,
    /// `planned`, `ongoing` or `completed`.
    pub status: String,
    /// Year started.
    pub started: Option<i32>,
    /// Path relative to the cases folder.
    pub path: String,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SearchResponse {
    /// Number of matching case files.
    pub total: u64,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Counts per facet name (all of [`FACETS`]), values sorted by count then id.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    /// When the query found nothing and a typo-tolerant retry did, the query it ran.
    pub corrected: Option<String>,
    /// Up to [`MAX_SUGGESTIONS`] completions of the query from the library (when
    /// [`SearchRequest::suggest`] is set): cities, taxonomy values and case titles.
    pub suggestions: Vec<Suggestion>,
    /// Other forms of the query's words that were searched too, from the library's synonyms
    /// (`再エネ` also searches `再生可能エネルギー`): shown as "also searched: …".
    pub also_searched: Vec<String>,
    /// Time the search took, in milliseconds.
    pub took_ms: f64,
}

/// Most suggestions a search returns.
pub const MAX_SUGGESTIONS: usize = 8;

/// One suggestion shown under the search box while typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Suggestion {
    /// `case` (opens the case), `city` (searches the city's name) or a taxonomy facet name
    /// (`hazard`, `sector`, `measure`, `region`, `programme`: applies that filter).
    pub kind: String,
    /// What to show, in the interface language.
    pub label: String,
    /// The case id, the city's name, or the taxonomy value id.
    pub value: String,
}

/// Label of a value of a facet that is not in the taxonomy (`country`, `type`, `status`,
/// `language`, `population`, `coastal`) in `lang` (`ja` or English). Unknown values are labelled with their id.
pub fn builtin_label(facet: &str, id: &str, lang: &str) -> String {
    let ja = lang == "ja";
    let pair: Option<(&str, &str)> = match (facet, id) {
        ("type", "adaptation") => Some(("Adaptation", "適応")),
        ("type", "mitigation") => Some(("Mitigation", "緩和")),
        ("type", "both") => Some(("Adaptation and mitigation", "適応と緩和")),
        ("status", "planned") => Some(("Planned", "計画中")),
        ("status", "ongoing") => Some(("Ongoing", "実施中")),
        ("status", "completed") => Some(("Completed", "完了")),
        ("language", "en") => Some(("English", "英語")),
        ("language", "ja") => Some(("Japanese", "日本語")),
        ("population", "under-50k") => Some(("Under 50,000", "5万人未満")),
        ("population", "50k-250k") => Some(("50,000–250,000", "5万〜25万人")),
        ("population", "250k-1m") => Some(("250,000–1 million", "25万〜100万人")),
        ("population", "over-1m") => Some(("Over 1 million", "100万人以上")),
        ("coastal", "coastal") => Some(("Coastal", "沿岸")),
        ("coastal", "inland") => Some(("Inland", "内陸")),
        ("country", code) => COUNTRIES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(_, en, ja)| (*en, *ja)),
        _ => None,
    };
    match pair {
        Some((en, j)) => if ja { j } else { en }.to_string(),
        None => id.to_string(),
    }
}

/// ISO 3166-1 alpha-2 codes of the countries the library is about, with English and Japanese
/// names. A case from another country still loads; its facet shows the code.
pub const COUNTRIES: &[(&str, &str, &str)] = &[
    ("AT", "Austria", "オーストリア"),
    ("BE", "Belgium", "ベルギー"),
    ("BG", "Bulgaria", "ブルガリア"),
    ("CH", "Switzerland", "スイス"),
    ("CY", "Cyprus", "キプロス"),
    ("CZ", "Czechia", "チェコ"),
    ("DE", "Germany", "ドイツ"),
    ("DK", "Denmark", "デンマーク"),
    ("EE", "Estonia", "エストニア"),
    ("ES", "Spain", "スペイン"),
    ("FI", "Finland", "フィンランド"),
    ("FR", "France", "フランス"),
    ("GB", "United Kingdom", "イギリス"),
    ("GR", "Greece", "ギリシャ"),
    ("HR", "Croatia", "クロアチア"),
    ("HU", "Hungary", "ハンガリー"),
    ("IE", "Ireland", "アイルランド"),
    ("IS", "Iceland", "アイスランド"),
    ("IT", "Italy", "イタリア"),
    ("JP", "Japan", "日本"),
    ("LT", "Lithuania", "リトアニア"),
    ("LU", "Luxembourg", "ルクセンブルク"),
    ("LV", "Latvia", "ラトビア"),
    ("MT", "Malta", "マルタ"),
    ("NL", "Netherlands", "オランダ"),
    ("NO", "Norway", "ノルウェー"),
    ("PL", "Poland", "ポーランド"),
    ("PT", "Portugal", "ポルトガル"),
    ("RO", "Romania", "ルーマニア"),
    ("SE", "Sweden", "スウェーデン"),
    ("SI", "Slovenia", "スロベニア"),
    ("SK", "Slovakia", "スロバキア"),
    ("TR", "Türkiye", "トルコ"),
];
