//! The most frequent words under each one- and two-letter prefix, per segment.
//!
//! A prefix query ranks by its most frequent expansions (see `query::prefix`). For a prefix of
//! three letters or more, the words under it are a short stretch of the term dictionary; for
//! `s` or `co` they are a large part of it (tens of thousands of words at 100,000 cases), and
//! walking them on every keystroke cost 60-140 ms. So each segment builds, on the first short
//! prefix asked after it appears, one table of every short prefix's best words in one pass
//! over its dictionary (segments never change, so the table lives as long as the segment).
//! Matching does not use these tables: it stays complete through the `word_prefix` field.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader};

/// Longest prefix, in characters, answered from the tables.
pub const TOP_PREFIX_MAX: usize = 2;
/// Words kept per prefix and segment (the scored expansions of a short prefix are fewer).
const KEPT: usize = 8;

/// Best words per short prefix of one segment, most frequent first, with their doc counts.
type Table = HashMap<String, Vec<(String, u32)>>;

/// The tables of a snapshot's segments, each built when first needed.
#[derive(Default)]
pub struct PrefixTops {
    per_segment: HashMap<SegmentId, Arc<OnceLock<Table>>>,
}

impl PrefixTops {
    /// The tables for `searcher`'s segments, reusing those of `old` for segments it had.
    pub fn carry(searcher: &Searcher, old: Option<&PrefixTops>) -> PrefixTops {
        let per_segment = searcher
            .segment_readers()
            .iter()
            .map(|s| {
                let id = s.segment_id();
                let slot = old
                    .and_then(|o| o.per_segment.get(&id))
                    .cloned()
                    .unwrap_or_default();
                (id, slot)
            })
            .collect();
        PrefixTops { per_segment }
    }

    /// Up to `max` words of `field` starting with `prefix` (at most [`TOP_PREFIX_MAX`]
    /// characters), most frequent first; `None` for a longer prefix.
    pub fn top(
        &self,
        searcher: &Searcher,
        field: Field,
        prefix: &str,
        max: usize,
    ) -> tantivy::Result<Option<Vec<String>>> {
        if prefix.is_empty() || prefix.chars().count() > TOP_PREFIX_MAX {
            return Ok(None);
        }
        let mut freq: HashMap<&str, u64> = HashMap::new();
        let mut tables = Vec::new();
        for segment in searcher.segment_readers() {
            let Some(slot) = self.per_segment.get(&segment.segment_id()) else {
                continue;
            };
            if slot.get().is_none() {
                let built = build(segment, field)?;
                let _ = slot.set(built);
            }
            if let Some(table) = slot.get() {
                tables.push(table);
            }
        }
        for table in &tables {
            for (word, n) in table.get(prefix).into_iter().flatten() {
                *freq.entry(word.as_str()).or_default() += u64::from(*n);
            }
        }
        let mut words: Vec<(&str, u64)> = freq.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        words.truncate(max);
        Ok(Some(
            words.into_iter().map(|(w, _)| w.to_string()).collect(),
        ))
    }
}

/// One pass over the segment's dictionary of `field`. Terms come sorted, so all words under
/// a prefix are consecutive: each prefix's list is filled while it is current and stored
/// when the prefix changes, without a hash lookup per word.
fn build(segment: &SegmentReader, field: Field) -> tantivy::Result<Table> {
    let inverted = segment.inverted_index(field)?;
    let mut stream = inverted.terms().stream()?;
    let mut table = Table::new();
    // Per prefix length: the prefix being filled and its best words so far.
    let mut current: [(String, Vec<(String, u32)>); TOP_PREFIX_MAX] = Default::default();
    while stream.advance() {
        let Ok(word) = std::str::from_utf8(stream.key()) else {
            continue;
        };
        let df = stream.value().doc_freq;
        for (n, (prefix, best)) in current.iter_mut().enumerate() {
            let Some((end, c)) = word.char_indices().nth(n) else {
                break;
            };
            let p = &word[..end + c.len_utf8()];
            if p != prefix.as_str() {
                if !best.is_empty() {
                    table.insert(std::mem::take(prefix), std::mem::take(best));
                }
                *prefix = p.to_string();
            }
            keep_best(best, word, df);
        }
    }
    for (prefix, best) in current {
        if !best.is_empty() {
            table.insert(prefix, best);
        }
    }
    Ok(table)
}

/// Inserts `word` into `best` (most frequent first, at most [`KEPT`]) when it belongs there.
fn keep_best(best: &mut Vec<(String, u32)>, word: &str, df: u32) {
    if best.len() == KEPT && best.last().is_some_and(|(_, n)| *n >= df) {
        return;
    }
    let at = best.partition_point(|(_, n)| *n >= df);
    best.insert(at, (word.to_string(), df));
    best.truncate(KEPT);
}

#[cfg(test)]
mod tests {
    use super::keep_best;

    #[test]
    fn keeps_the_most_frequent_in_order() {
        let mut best = Vec::new();
        for (i, df) in [3, 9, 1, 9, 4, 7, 2, 8, 6, 5, 10].into_iter().enumerate() {
            keep_best(&mut best, &format!("w{i}"), df);
        }
        let counts: Vec<u32> = best.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts, [10, 9, 9, 8, 7, 6, 5, 4]);
        // Equal counts keep the order seen (the dictionary's order: alphabetical).
        assert_eq!(best[1].0, "w1");
        assert_eq!(best[2].0, "w3");
    }
}
