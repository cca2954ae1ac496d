//! Mapping between a case and its tantivy document: the document written for a case file,
//! and the stored fields read back for a hit.

use super::schema::{self, Fields};
use super::{IndexDoc, tokenizer};
use crate::search::Hit;
use tantivy::TantivyDocument;
use tantivy::schema::{Facet, Field, Value};

/// A facet value id (`flooding/pluvial`) as a tantivy facet; `None` when it has no segment.
pub(super) fn facet_of(id: &str) -> Option<Facet> {
    let parts: Vec<&str> = id
        .split('/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| Facet::from_path(parts))
}

/// The stored fields of a document, as a [`Hit`] needs them.
#[derive(Debug, Clone, Default)]
pub(super) struct Stored {
    pub(super) id: String,
    pub(super) path: String,
    pub(super) lang: String,
    pub(super) title: String,
    pub(super) city: String,
    pub(super) summary: String,
    pub(super) body: String,
    pub(super) country: String,
    pub(super) hazards: Vec<String>,
    pub(super) sectors: Vec<String>,
    pub(super) measures: Vec<String>,
    pub(super) programmes: Vec<String>,
    pub(super) region: String,
    pub(super) case_type: String,
    pub(super) status: String,
    pub(super) started: Option<i32>,
}

impl Stored {
    /// The stored fields of `doc`.
    pub(super) fn read(f: &Fields, doc: &TantivyDocument) -> Stored {
        let text = |field: Field| -> String {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let facets = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_facet())
                .filter_map(|enc| Facet::from_encoded(enc.as_bytes().to_vec()).ok())
                .map(|facet| facet.to_path().join("/"))
                .collect()
        };
        let first = |field: Field| facets(field).into_iter().next().unwrap_or_default();
        Stored {
            id: text(f.id),
            path: text(f.path),
            lang: text(f.lang),
            title: text(f.title),
            city: text(f.city),
            summary: text(f.summary),
            body: text(f.body_stored),
            country: first(f.country),
            hazards: facets(f.hazard),
            sectors: facets(f.sector),
            measures: facets(f.measure),
            programmes: facets(f.programme),
            region: first(f.region),
            case_type: first(f.case_type),
            status: first(f.status),
            started: doc
                .get_first(f.started)
                .and_then(|v| v.as_i64())
                .and_then(|y| i32::try_from(y).ok()),
        }
    }

    /// The hit of this document with its `score` and `snippet`.
    pub(super) fn into_hit(self, score: f32, snippet: String) -> Hit {
        Hit {
            id: self.id,
            title: self.title,
            city: self.city,
            country: self.country,
            lang: self.lang,
            score,
            snippet,
            hazards: self.hazards,
            sectors: self.sectors,
            measures: self.measures,
            programmes: self.programmes,
            region: self.region,
            case_type: self.case_type,
            status: self.status,
            started: self.started,
            path: self.path,
        }
    }
}

/// The tantivy document of one case file.
pub(super) fn make_doc(f: &Fields, doc: &IndexDoc<'_>) -> TantivyDocument {
    let case = doc.case;
    let m = &case.meta;
    let headings = doc.headings.join("\n");
    let mut d = TantivyDocument::default();
    d.add_text(f.path, &case.path);
    d.add_text(f.id, &m.id);
    d.add_text(f.lang, &case.lang);
    let mut words = Words::new();
    for (en, cjk, text) in [
        (f.title, f.title_cjk, m.title.as_str()),
        (f.summary, f.summary_cjk, m.summary.as_str()),
        (f.headings, f.headings_cjk, headings.as_str()),
        (f.body, f.body_cjk, doc.text),
        (f.city, f.city_cjk, m.city.as_str()),
    ] {
        d.add_text(en, text);
        // CJK text is never ASCII: an English text gives the bigram analyzer nothing to do.
        if !text.is_ascii() {
            d.add_text(cjk, text);
        }
        words.add(f, &mut d, text);
    }
    for label in doc.concepts {
        d.add_text(f.concepts, label);
        d.add_text(f.concepts_cjk, label);
        words.add(f, &mut d, label);
    }
    words.add_prefixes(f, &mut d);
    d.add_text(f.title_raw, &m.title);
    d.add_text(f.city_raw, &m.city);
    for key in tokenizer::city_keys(&m.city) {
        d.add_text(f.city_key, key);
    }
    d.add_text(f.title_norm, tokenizer::normalize_title(&m.title));
    d.add_text(f.body_stored, truncate(doc.text, schema::BODY_STORED_MAX));
    if let Some(y) = m.started {
        d.add_i64(f.started, i64::from(y));
    }
    let mut facet = |field: Field, id: &str| {
        if let Some(facet) = facet_of(id) {
            d.add_facet(field, facet);
        }
    };
    for h in &m.hazards {
        facet(f.hazard, h);
    }
    for s in &m.sectors {
        facet(f.sector, s);
    }
    for x in &m.measures {
        facet(f.measure, x);
    }
    for p in &m.programmes {
        facet(f.programme, p);
    }
    facet(f.region, &m.region);
    facet(f.country, &m.country.to_ascii_uppercase());
    facet(f.case_type, m.case_type.as_str());
    facet(f.status, m.status.as_str());
    facet(f.language, &case.lang);
    if let Some(p) = m.population {
        facet(f.population, crate::geo::population_band(p));
    }
    if let Some(c) = m.coastal {
        facet(f.coastal, if c { "coastal" } else { "inland" });
    }
    facet(f.city_facet, m.city.trim());
    if let Some([lat, lon]) = m.coordinates {
        d.add_f64(f.lat, lat);
        d.add_f64(f.lon, lon);
    }
    d.add_u64(f.outcomes_n, m.outcomes.len() as u64);
    d.add_u64(f.sources_n, m.sources.len() as u64);
    d
}

/// The `words` field and its short prefixes, from the same analyzer (so both prefix paths
/// match the same documents). The prefixes of all texts are gathered, then added once each.
struct Words {
    analyzer: tantivy::tokenizer::TextAnalyzer,
    prefixes: std::collections::BTreeSet<String>,
}

impl Words {
    fn new() -> Words {
        Words {
            analyzer: tokenizer::words_analyzer(),
            prefixes: std::collections::BTreeSet::new(),
        }
    }

    /// Adds the words of `text` to `words` and remembers their short prefixes.
    fn add(&mut self, f: &Fields, d: &mut TantivyDocument, text: &str) {
        let tokens = tokenizer::tokens(&mut self.analyzer, text);
        for token in &tokens {
            for (n, (i, c)) in token.text.char_indices().enumerate() {
                if n >= schema::SHORT_PREFIX_MAX {
                    break;
                }
                let p = &token.text[..i + c.len_utf8()];
                if !self.prefixes.contains(p) {
                    self.prefixes.insert(p.to_string());
                }
            }
        }
        d.add_text(f.words, text);
    }

    /// Adds the distinct short prefixes of every word seen to `word_prefix`.
    fn add_prefixes(self, f: &Fields, d: &mut TantivyDocument) {
        for p in self.prefixes {
            d.add_text(f.word_prefix, p);
        }
    }
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
