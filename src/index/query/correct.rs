//! Typo tolerance: when a query matches nothing, its misspelt words are replaced by the
//! closest words of the index and the search runs once more.

use super::parse::{Parsed, Scope};
use crate::index::schema::Fields;
use crate::index::tokenizer::{self, cjk_runs};
use std::collections::HashMap;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Document frequency of `word` in `field` over all segments.
fn doc_freq(searcher: &Searcher, field: Field, word: &str) -> tantivy::Result<u64> {
    searcher.doc_freq(&Term::from_field_text(field, word))
}

/// Typo tolerance: each positive word of 5+ letters (9+: two edits) that is not in the
/// dictionary is replaced by the closest dictionary word (fewest edits, then most frequent,
/// then alphabetical). Returns the corrected query, or `None` when nothing was corrected.
pub fn correct(
    parsed: &Parsed,
    fields: &Fields,
    searcher: &Searcher,
) -> tantivy::Result<Option<Parsed>> {
    let mut words_analyzer = tokenizer::words_analyzer();
    let mut fixed = parsed.clone();
    let mut changed = false;
    for item in fixed.items.iter_mut() {
        if item.negated || item.phrase || item.scope == Scope::Country {
            continue;
        }
        if !cjk_runs(&item.text).is_empty() {
            continue;
        }
        let toks = tokenizer::tokens(&mut words_analyzer, &item.text);
        let [tok] = toks.as_slice() else {
            continue;
        };
        let word = tok.text.as_str();
        let letters = word.chars().count();
        let distance: u8 = match letters {
            0..=4 => continue,
            5..=8 => 1,
            _ => 2,
        };
        if doc_freq(searcher, fields.words, word)? > 0 {
            continue;
        }
        let fuzzy = FuzzyTermQuery::new(Term::from_field_text(fields.words, word), distance, true);
        let automaton = fuzzy.automaton()?;
        let mut candidates: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(fields.words)?;
            let mut stream = inverted.terms().search(&automaton).into_stream()?;
            while stream.advance() {
                if let Ok(w) = std::str::from_utf8(stream.key()) {
                    *candidates.entry(w.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        let best = candidates
            .into_iter()
            .map(|(w, df)| (strsim::osa_distance(word, &w), std::cmp::Reverse(df), w))
            .min();
        if let Some((_, _, w)) = best {
            item.text = w;
            changed = true;
        }
    }
    Ok(changed.then_some(fixed))
}
