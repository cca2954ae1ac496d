//! Prefix items (`retro*`, and the last word while the user types): the word as typed OR
//! any word starting with it, complete for matching and bounded for scoring.

use super::compile::Builder;
use crate::index::schema::SHORT_PREFIX_MAX;
use crate::index::tokenizer;
use std::collections::HashMap;
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, InvertedIndexRangeQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// How many prefix expansions are also scored (BM25 with field boosts). Matching uses all of
/// them; this only bounds the scoring work.
const SCORED_EXPANSIONS: usize = 24;
/// Constant score of a document matched by a prefix only through the unscored expansion.
const PREFIX_FLOOR: f32 = 0.05;

impl Builder<'_> {
    /// The word as typed OR any word starting with it: complete (a term range over the
    /// `words` dictionary, every expansion) and ranked (the most frequent expansions scored
    /// with field boosts, below an exact match).
    pub(super) fn prefix_clause(
        &mut self,
        exact: Box<dyn Query>,
        prefix: &str,
        en_fields: &[(Field, f32)],
    ) -> tantivy::Result<Box<dyn Query>> {
        let words = self.fields.words;
        let all_expansions: Box<dyn Query> = if prefix.chars().count() <= SHORT_PREFIX_MAX {
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.word_prefix, prefix),
                IndexRecordOption::Basic,
            ))
        } else {
            let lower = Term::from_field_text(words, prefix);
            let upper = Term::from_field_text(words, &format!("{prefix}\u{10FFFF}"));
            Box::new(InvertedIndexRangeQuery::new(
                Bound::Included(lower),
                Bound::Excluded(upper),
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, exact),
            (
                Occur::Should,
                Box::new(ConstScoreQuery::new(all_expansions, PREFIX_FLOOR)),
            ),
        ];
        // A one- or two-letter prefix matches nearly everything; ranking by its most frequent
        // expansions says little and scoring many of them is the main cost of the query.
        let scored_max = if prefix.chars().count() <= 2 {
            SCORED_EXPANSIONS / 4
        } else {
            SCORED_EXPANSIONS
        };
        let expansions = match self.tops.top(self.searcher, words, prefix, scored_max)? {
            Some(top) => top,
            None => expand_prefix(self.searcher, words, prefix, scored_max)?,
        };
        let mut stems: Vec<String> = Vec::new();
        for word in expansions {
            for t in tokenizer::tokens(&mut self.en, &word) {
                if !stems.contains(&t.text) {
                    stems.push(t.text);
                }
            }
        }
        if !stems.is_empty() {
            let mut scored: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for stem in &stems {
                // Concept labels match through `words` (above) but are not scored per
                // expansion: they would add a posting list to every expansion of every prefix.
                for &(field, boost) in en_fields.iter().filter(|(f, _)| *f != self.fields.concepts)
                {
                    let q = TermQuery::new(
                        Term::from_field_text(field, stem),
                        IndexRecordOption::WithFreqs,
                    );
                    scored.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                }
            }
            // Below an exact match of the same weight.
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(BooleanQuery::new(scored)), 0.5)),
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }
}

/// Up to `max` words of `field` starting with `prefix`, most frequent first.
pub fn expand_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    max: usize,
) -> tantivy::Result<Vec<String>> {
    let upper = format!("{prefix}\u{10FFFF}");
    let mut freq: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(upper.as_bytes())
            .into_stream()?;
        while stream.advance() {
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                *freq.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut words: Vec<(String, u64)> = freq.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(max);
    Ok(words.into_iter().map(|(w, _)| w).collect())
}
