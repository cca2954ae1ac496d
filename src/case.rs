//! The case study: its front matter ([`CaseMeta`]), the loaded file ([`Case`]) and what a reader
//! shows ([`CaseView`]).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Whether a case adapts to climate hazards, cuts emissions, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CaseType {
    /// Reduces exposure or vulnerability to climate hazards.
    Adaptation,
    /// Reduces greenhouse-gas emissions.
    Mitigation,
    /// Both adaptation and mitigation.
    Both,
}

impl CaseType {
    /// The id used in front matter and facets.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseType::Adaptation => "adaptation",
            CaseType::Mitigation => "mitigation",
            CaseType::Both => "both",
        }
    }
}

/// How far the action has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Decided but not started.
    Planned,
    /// Being carried out.
    Ongoing,
    /// Finished.
    Completed,
}

impl Status {
    /// The id used in front matter and facets.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Ongoing => "ongoing",
            Status::Completed => "completed",
        }
    }
}

/// A measured result, always with the year it refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// What was measured ("Storage volume").
    pub metric: String,
    /// The figure.
    pub value: f64,
    /// Its unit ("m3", "%", "t CO2/yr").
    #[serde(default)]
    pub unit: Option<String>,
    /// The year the figure refers to.
    pub year: i32,
}

/// A source the case's facts come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the page or document.
    pub title: String,
    /// Its address (`https://...`).
    pub url: String,
    /// When the author read it (YYYY-MM-DD).
    #[serde(default)]
    pub accessed: Option<String>,
}

/// The front matter of a case file, exactly as curators write it. Unknown keys are rejected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CaseMeta {
    /// Stable identifier, `[a-z0-9-]+`, shared by a case and its translations.
    pub id: String,
    /// Title of the case.
    pub title: String,
    /// City (or municipality) name.
    pub city: String,
    /// ISO 3166-1 alpha-2 country code, upper case.
    pub country: String,
    /// Taxonomy `region` id.
    pub region: String,
    /// Taxonomy `programme` ids.
    #[serde(default)]
    pub programmes: Vec<String>,
    /// Taxonomy `hazard` ids (empty for hazard-independent mitigation).
    #[serde(default)]
    pub hazards: Vec<String>,
    /// Taxonomy `sector` ids, at least one.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// Taxonomy `measure` ids, at least one.
    #[serde(default)]
    pub measures: Vec<String>,
    /// Adaptation, mitigation or both.
    #[serde(rename = "type")]
    pub case_type: CaseType,
    /// Planned, ongoing or completed.
    pub status: Status,
    /// Year the action started.
    #[serde(default)]
    pub started: Option<i32>,
    /// Year it ended, if it did.
    #[serde(default)]
    pub ended: Option<i32>,
    /// Population of the city.
    #[serde(default)]
    pub population: Option<u64>,
    /// `[lat, lon]` in degrees.
    #[serde(default)]
    pub coordinates: Option<[f64; 2]>,
    /// Whether the place lies on a sea coast (used to find cities like one another).
    #[serde(default)]
    pub coastal: Option<bool>,
    /// One to three sentences.
    pub summary: String,
    /// Measured results.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
    /// Where the facts come from; at least one.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Date of the last review of this file (YYYY-MM-DD).
    pub updated: String,
}

/// A case file that loaded without errors.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Path relative to the cases folder, `/`-separated (`eu/copenhagen.md`).
    pub path: String,
    /// Language of this file: `en`, or the `<lang>` of `<id>.<lang>.md`.
    pub lang: String,
    /// The front matter.
    pub meta: CaseMeta,
    /// The markdown after the front matter.
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// blake3 hash of the whole file, hex.
    pub hash: String,
    /// Modification time, seconds since the epoch.
    pub mtime: i64,
}

/// A taxonomy value as shown to a person: id plus label in the requested language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Labelled {
    /// Taxonomy id.
    pub id: String,
    /// Label in the requested language (the id when the taxonomy has none).
    pub label: String,
}

/// Everything the case reader shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseView {
    /// The front matter.
    pub meta: CaseMeta,
    /// Path relative to the cases folder.
    pub path: String,
    /// Language of the shown file.
    pub lang: String,
    /// Languages this case exists in (`["en", "ja"]`).
    pub languages: Vec<String>,
    /// Sanitized HTML of the body.
    pub html: String,
    /// Hazards with labels.
    pub hazards: Vec<Labelled>,
    /// Sectors with labels.
    pub sectors: Vec<Labelled>,
    /// Measures with labels.
    pub measures: Vec<Labelled>,
    /// Programmes with labels.
    pub programmes: Vec<Labelled>,
    /// Region with label.
    pub region: Labelled,
}
