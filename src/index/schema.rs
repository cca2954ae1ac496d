//! The index schema: one struct of documented fields.

use super::tokenizer;
use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};

/// Bumped whenever the schema or tokenizers change; a different version triggers a rebuild.
pub const SCHEMA_VERSION: u32 = 6;

/// The fields of the index. One document per case file (translations are documents of their
/// own with the same `id`).
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Path relative to the cases folder: the key a document is replaced or deleted by.
    /// Raw, indexed, stored.
    pub path: Field,
    /// Case id (shared by translations). Raw, indexed, stored.
    pub id: Field,
    /// Language of the file (`en`, `ja`). Raw, indexed, stored.
    pub lang: Field,
    /// Title, English analyzer (stemmed), positions, stored.
    pub title: Field,
    /// Summary, English analyzer, positions, stored (snippets, empty-query snippet).
    pub summary: Field,
    /// Body headings, English analyzer, positions.
    pub headings: Field,
    /// Body plain text, English analyzer, positions. Not stored (see `body_stored`).
    pub body: Field,
    /// City, English analyzer, positions, stored.
    pub city: Field,
    /// Title as CJK bigrams + unigrams, positions.
    pub title_cjk: Field,
    /// Summary as CJK bigrams + unigrams, positions.
    pub summary_cjk: Field,
    /// Headings as CJK bigrams + unigrams, positions.
    pub headings_cjk: Field,
    /// Body as CJK bigrams + unigrams, positions.
    pub body_cjk: Field,
    /// City as CJK bigrams + unigrams, positions.
    pub city_cjk: Field,
    /// The English and Japanese labels of the case's taxonomy values (and their parents),
    /// English analyzer, positions: a search for a concept finds the cases tagged with it.
    pub concepts: Field,
    /// The same labels as CJK bigrams + unigrams, positions.
    pub concepts_cjk: Field,
    /// The city as whole-query keys ([`super::tokenizer::city_keys`]): raw, indexed, so a
    /// query that is a city's name can put that city's cases first.
    pub city_key: Field,
    /// The title as written, fast only: suggestions read it without touching the document
    /// store.
    pub title_raw: Field,
    /// The city as written, fast only (suggestions).
    pub city_raw: Field,
    /// Every Latin word of title, summary, headings, body and city, unstemmed, doc ids only:
    /// its term dictionary drives last-word prefix expansion and typo correction.
    pub words: Field,
    /// The first 1..=[`SHORT_PREFIX_MAX`] characters of every word of `words`, raw, doc ids
    /// only: a short last-word prefix (`r`, `re`) is then one term lookup instead of a range
    /// over thousands of words.
    pub word_prefix: Field,
    /// The normalized title ([`tokenizer::normalize_title`]): raw, indexed for the exact-title
    /// boost, fast for the browse order (by title).
    pub title_norm: Field,
    /// The first [`BODY_STORED_MAX`] bytes of the body text, stored only: snippet source.
    pub body_stored: Field,
    /// Year started: indexed, fast (year filter), stored.
    pub started: Field,
    /// Facet `/hazard-id` (hierarchical: `/flooding/pluvial`), stored.
    pub hazard: Field,
    /// Facet of sector ids, stored.
    pub sector: Field,
    /// Facet of measure ids (hierarchical), stored.
    pub measure: Field,
    /// Facet of the region id, stored.
    pub region: Field,
    /// Facet of the country code (`/DK`), stored.
    pub country: Field,
    /// Facet of programme ids, stored.
    pub programme: Field,
    /// Facet of the case type (`/adaptation`), stored.
    pub case_type: Field,
    /// Facet of the status (`/ongoing`), stored.
    pub status: Field,
    /// Facet of the file language (`/ja`).
    pub language: Field,
    /// Facet of the population band ([`crate::geo::population_band`]); none when unknown.
    pub population: Field,
    /// Facet `/coastal` or `/inland`; none when the case does not say.
    pub coastal: Field,
    /// Facet of the city as written (the `city` filter of the map); field name `city_facet`
    /// because `city` is the text field.
    pub city_facet: Field,
    /// Latitude, fast only (the map); absent without coordinates.
    pub lat: Field,
    /// Longitude, fast only.
    pub lon: Field,
    /// Number of outcomes, fast only (curator statistics).
    pub outcomes_n: Field,
    /// Number of sources, fast only (curator statistics).
    pub sources_n: Field,
}

/// The tantivy field name of each facet of [`crate::search::FACETS`], in that order.
pub const FACET_FIELD_NAMES: [&str; 12] = [
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
    "city_facet",
];

/// At most this many bytes of a body are stored for snippets (the full text is indexed).
/// Keeps the document store small so loading a page of hits stays cheap.
pub const BODY_STORED_MAX: usize = 24 * 1024;

/// Prefixes up to this many characters are indexed in [`Fields::word_prefix`].
pub const SHORT_PREFIX_MAX: usize = 3;

/// Query-time boosts of the text fields: title > city > summary > headings > body.
pub const BOOST_TITLE: f32 = 4.0;
/// Boost of the summary fields.
pub const BOOST_SUMMARY: f32 = 2.0;
/// Boost of the city fields (a city name is as telling as the summary).
pub const BOOST_CITY: f32 = 2.0;
/// Boost of the headings fields.
pub const BOOST_HEADINGS: f32 = 1.5;
/// Boost of the body fields.
pub const BOOST_BODY: f32 = 1.0;
/// Boost of the taxonomy labels: a concept the case is tagged with but whose words it never
/// writes still finds it, below cases that write them.
pub const BOOST_CONCEPTS: f32 = 0.5;

fn text(analyzer: &str, record: IndexRecordOption, stored: bool) -> TextOptions {
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

impl Fields {
    /// Builds the schema and its fields.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let pos = IndexRecordOption::WithFreqsAndPositions;
        let facet = || FacetOptions::default().set_stored();
        let fields = Fields {
            path: b.add_text_field("path", STRING | STORED),
            id: b.add_text_field("id", STRING | STORED | tantivy::schema::FAST),
            lang: b.add_text_field("lang", STRING | STORED),
            title: b.add_text_field("title", text(tokenizer::EN, pos, true)),
            summary: b.add_text_field("summary", text(tokenizer::EN, pos, true)),
            headings: b.add_text_field("headings", text(tokenizer::EN, pos, false)),
            body: b.add_text_field("body", text(tokenizer::EN, pos, false)),
            city: b.add_text_field("city", text(tokenizer::EN, pos, true)),
            title_cjk: b.add_text_field("title_cjk", text(tokenizer::CJK, pos, false)),
            summary_cjk: b.add_text_field("summary_cjk", text(tokenizer::CJK, pos, false)),
            headings_cjk: b.add_text_field("headings_cjk", text(tokenizer::CJK, pos, false)),
            body_cjk: b.add_text_field("body_cjk", text(tokenizer::CJK, pos, false)),
            city_cjk: b.add_text_field("city_cjk", text(tokenizer::CJK, pos, false)),
            concepts: b.add_text_field("concepts", text(tokenizer::EN, pos, false)),
            concepts_cjk: b.add_text_field("concepts_cjk", text(tokenizer::CJK, pos, false)),
            city_key: b.add_text_field("city_key", STRING),
            title_raw: b.add_text_field("title_raw", tantivy::schema::FAST),
            city_raw: b.add_text_field("city_raw", tantivy::schema::FAST),
            words: b.add_text_field(
                "words",
                text(tokenizer::WORDS, IndexRecordOption::Basic, false),
            ),
            word_prefix: b.add_text_field("word_prefix", STRING),
            title_norm: b.add_text_field("title_norm", STRING | tantivy::schema::FAST),
            body_stored: b.add_text_field("body_stored", STORED),
            started: b.add_i64_field(
                "started",
                NumericOptions::default()
                    .set_indexed()
                    .set_fast()
                    .set_stored(),
            ),
            hazard: b.add_facet_field("hazard", facet()),
            sector: b.add_facet_field("sector", facet()),
            measure: b.add_facet_field("measure", facet()),
            region: b.add_facet_field("region", facet()),
            country: b.add_facet_field("country", facet()),
            programme: b.add_facet_field("programme", facet()),
            case_type: b.add_facet_field("type", facet()),
            status: b.add_facet_field("status", facet()),
            language: b.add_facet_field("language", facet()),
            population: b.add_facet_field("population", facet()),
            coastal: b.add_facet_field("coastal", facet()),
            city_facet: b.add_facet_field("city_facet", FacetOptions::default()),
            lat: b.add_f64_field("lat", tantivy::schema::FAST),
            lon: b.add_f64_field("lon", tantivy::schema::FAST),
            outcomes_n: b.add_u64_field("outcomes_n", tantivy::schema::FAST),
            sources_n: b.add_u64_field("sources_n", tantivy::schema::FAST),
        };
        (b.build(), fields)
    }

    /// The facet field of each name of [`crate::search::FACETS`], in that order (the schema
    /// test checks the names against the fields).
    #[cfg(test)]
    pub fn facet_fields(&self) -> [Field; 12] {
        [
            self.hazard,
            self.sector,
            self.measure,
            self.region,
            self.country,
            self.programme,
            self.case_type,
            self.status,
            self.language,
            self.population,
            self.coastal,
            self.city_facet,
        ]
    }

    /// English text fields with their boosts.
    pub fn en_fields(&self) -> [(Field, f32); 6] {
        [
            (self.title, BOOST_TITLE),
            (self.summary, BOOST_SUMMARY),
            (self.headings, BOOST_HEADINGS),
            (self.body, BOOST_BODY),
            (self.city, BOOST_CITY),
            (self.concepts, BOOST_CONCEPTS),
        ]
    }

    /// CJK text fields with their boosts.
    pub fn cjk_fields(&self) -> [(Field, f32); 6] {
        [
            (self.title_cjk, BOOST_TITLE),
            (self.summary_cjk, BOOST_SUMMARY),
            (self.headings_cjk, BOOST_HEADINGS),
            (self.body_cjk, BOOST_BODY),
            (self.city_cjk, BOOST_CITY),
            (self.concepts_cjk, BOOST_CONCEPTS),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_has_every_facet_and_is_deterministic() {
        let (a, f) = Fields::build();
        let (b, _) = Fields::build();
        assert_eq!(a, b);
        for (name, field) in FACET_FIELD_NAMES.iter().zip(f.facet_fields()) {
            assert_eq!(a.get_field_name(field), *name);
        }
    }
}
