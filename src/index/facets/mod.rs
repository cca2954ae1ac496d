//! Fast facet counting, filtering and top-k collection in one pass over the matching documents.
//!
//! At each reader reload every (new) segment gets a [`SegmentData`]: for each document the list
//! of facet values it has (as indices into a shared [`ValueTable`], ancestors included, so
//! `flooding/pluvial` also lists `flooding`), its `started` year and the ordinal of its
//! normalized title. A search then runs the text query once, *without* facet filters, and the
//! [`MainCollector`] decides per document, from that small array, which facet selections it
//! satisfies: it is a hit when it satisfies all of them, and it counts towards facet *f* when it
//! satisfies all selections except possibly *f*'s own (disjunctive faceting). No stored field is
//! read and no second query runs, however many facets have a selection.
//!
//! The data is built in `data`; this module holds the collector that reads it.

mod data;
#[cfg(test)]
mod tests;

pub use data::{SegmentData, ValueTable, title_ranks};

use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// What one search asks of the collector.
#[derive(Debug)]
pub struct Plan {
    /// Per value index: the bit of its facet when the value is selected, else 0.
    pub sel_bit: Vec<u16>,
    /// Per value index: the bit of its facet when that facet has a selection, else 0.
    pub facet_bit: Vec<u16>,
    /// The bits of all facets with a selection.
    pub full: u16,
    /// Inclusive `started` range, when the request has one.
    pub years: Option<(i32, i32)>,
    /// How many of the best hits to keep (offset + limit).
    pub keep: usize,
    /// Order hits by normalized title (browse) instead of by score.
    pub by_title: bool,
    /// Value index of the preferred language: the file shown for a case that matches in
    /// several languages.
    pub pref_value: Option<u32>,
    /// Number of case numbers in the table.
    pub num_cases: usize,
}

impl Plan {
    /// A plan for `selections` (per facet index, the selected value indices; `None` for a
    /// selected value no document has).
    pub fn new(
        table: &ValueTable,
        selections: &[(u8, Vec<Option<u32>>)],
        years: Option<(i32, i32)>,
        keep: usize,
        by_title: bool,
        pref_lang: &str,
    ) -> Plan {
        let n = table.names.len();
        let mut sel_bit = vec![0u16; n];
        let mut facet_bit = vec![0u16; n];
        let mut full = 0u16;
        for (facet, values) in selections {
            let bit = 1u16 << facet;
            full |= bit;
            for v in values.iter().flatten() {
                if let Some(s) = sel_bit.get_mut(*v as usize) {
                    *s = bit;
                }
            }
            for (i, (f, _)) in table.names.iter().enumerate() {
                if f == facet {
                    facet_bit[i] = bit;
                }
            }
        }
        Plan {
            sel_bit,
            facet_bit,
            full,
            years,
            keep,
            by_title,
            pref_value: table.get(8, pref_lang),
            num_cases: table.cases.len(),
        }
    }
}

/// One kept hit: the file shown for a matching case, its score and address.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// Relevance score (the best of the case's matching files; 0 when browsing).
    pub score: f32,
    /// Where the shown file is.
    pub address: DocAddress,
}

/// The result of a [`MainCollector`] pass.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Cases with a file satisfying the query and every filter.
    pub total: u64,
    /// Cases per value index (disjunctive for facets with a selection).
    pub counts: Vec<u64>,
    /// The best `keep` cases, best first.
    pub top: Vec<Ranked>,
}

/// Filters, counts and ranks the matching files, one result per case; see the module docs.
///
/// A case's translations are separate files (documents) with the same facet values except
/// `language`. Each segment collects its matching documents with their filter mask; the merge
/// groups them by case number, so a case counts once towards each value and appears once in
/// the results, shown in the preferred language when that file matches.
pub struct MainCollector {
    /// The plan of this search.
    pub plan: Arc<Plan>,
    /// Segment data by segment id.
    pub segments: Arc<HashMap<SegmentId, Arc<SegmentData>>>,
    /// Global rank of each title ordinal, per segment (browse order across segments).
    pub title_rank: Arc<HashMap<SegmentId, Arc<Vec<u32>>>>,
}

/// A matching document of one segment.
#[derive(Debug, Clone, Copy)]
struct Matched {
    case: u32,
    doc: DocId,
    /// Sort key, smaller is better: score order, or title rank when browsing.
    key: u64,
    score: u32,
    /// The facet bits whose selection the document satisfies.
    mask: u16,
}

/// What one segment found.
pub struct SegmentFruit {
    segment: SegmentOrdinal,
    data: Arc<SegmentData>,
    matched: Vec<Matched>,
}

/// The per-segment half of [`MainCollector`].
pub struct MainSegmentCollector {
    plan: Arc<Plan>,
    data: Arc<SegmentData>,
    rank: Option<Arc<Vec<u32>>>,
    segment: SegmentOrdinal,
    matched: Vec<Matched>,
}

/// Maps a score to a key where smaller is better, preserving order.
fn score_key(score: Score) -> u64 {
    let bits = score.to_bits();
    let ordered = if bits & 0x8000_0000 != 0 {
        !bits
    } else {
        bits | 0x8000_0000
    };
    u64::from(u32::MAX - ordered)
}

impl Collector for MainCollector {
    type Fruit = Outcome;
    type Child = MainSegmentCollector;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MainSegmentCollector> {
        let data = match self.segments.get(&reader.segment_id()) {
            Some(d) => d.clone(),
            // A segment the snapshot did not prepare (never expected): build it privately.
            None => Arc::new(SegmentData::build(reader, &mut ValueTable::default())?),
        };
        Ok(MainSegmentCollector {
            plan: self.plan.clone(),
            data,
            rank: self.title_rank.get(&reader.segment_id()).cloned(),
            segment,
            matched: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        !self.plan.by_title
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Outcome> {
        Ok(group_by_case(&self.plan, &fruits))
    }
}

/// Groups the matching documents of all segments by case: counts, total and the top cases.
///
/// Most cases have one matching file (a translation matches only when the query is in both
/// languages, or when nothing is typed), so those are counted in one sequential pass with no
/// grouping; only the files of cases with several matching files are sorted by case and
/// merged (their values counted once, the preferred language's file shown).
fn group_by_case(plan: &Plan, fruits: &[SegmentFruit]) -> Outcome {
    let mut out = Outcome {
        total: 0,
        counts: vec![0; plan.sel_bit.len()],
        top: Vec::new(),
    };
    // Matching files per case, saturating (only "one" or "more" matters).
    let mut files = vec![0u8; plan.num_cases];
    for f in fruits {
        for m in &f.matched {
            if let Some(n) = files.get_mut(m.case as usize) {
                *n = n.saturating_add(1);
            }
        }
    }
    let mut candidates: Vec<(u64, DocAddress, u32)> = Vec::new();
    let mut shared: Vec<(u32, usize, Matched)> = Vec::new();
    for (fi, fruit) in fruits.iter().enumerate() {
        for m in &fruit.matched {
            match files.get(m.case as usize) {
                Some(1) => {
                    for &v in fruit.data.values_of(m.doc) {
                        let fb = plan.facet_bit.get(v as usize).copied().unwrap_or(0);
                        if (m.mask | fb) == plan.full
                            && let Some(c) = out.counts.get_mut(v as usize)
                        {
                            *c += 1;
                        }
                    }
                    if m.mask == plan.full {
                        out.total += 1;
                        candidates.push((m.key, DocAddress::new(fruit.segment, m.doc), m.score));
                    }
                }
                Some(_) => shared.push((m.case, fi, *m)),
                None => {}
            }
        }
    }
    shared.sort_unstable_by_key(|(case, fi, m)| (*case, *fi, m.doc));
    let mut values: Vec<u32> = Vec::new();
    for group in shared.chunk_by(|a, b| a.0 == b.0) {
        values.clear();
        // (is not preferred, key, address) of the file to show; the best key of the case.
        let mut shown: Option<(bool, u64, DocAddress, u32)> = None;
        let mut best: Option<(u64, u32)> = None;
        for &(_, fi, m) in group {
            let fruit = &fruits[fi];
            let vals = fruit.data.values_of(m.doc);
            for &v in vals {
                let fb = plan.facet_bit.get(v as usize).copied().unwrap_or(0);
                if (m.mask | fb) == plan.full {
                    values.push(v);
                }
            }
            if m.mask == plan.full {
                let address = DocAddress::new(fruit.segment, m.doc);
                let not_pref = !plan.pref_value.is_some_and(|p| vals.contains(&p));
                let this = (not_pref, m.key, address, m.score);
                if shown.is_none_or(|s| (this.0, this.1, this.2) < (s.0, s.1, s.2)) {
                    shown = Some(this);
                }
                if best.is_none_or(|b| m.key < b.0) {
                    best = Some((m.key, m.score));
                }
            }
        }
        values.sort_unstable();
        values.dedup();
        for &v in &values {
            if let Some(c) = out.counts.get_mut(v as usize) {
                *c += 1;
            }
        }
        if let (Some(s), Some(b)) = (shown, best) {
            out.total += 1;
            // Browsing orders by the shown title; a search by the case's best score.
            let (key, score) = if plan.by_title { (s.1, s.3) } else { b };
            candidates.push((key, s.2, score));
        }
    }
    let keep = plan.keep.min(candidates.len());
    if keep > 0 {
        if keep < candidates.len() {
            candidates.select_nth_unstable_by_key(keep - 1, |c| (c.0, c.1));
            candidates.truncate(keep);
        }
        candidates.sort_unstable_by_key(|c| (c.0, c.1));
    } else {
        candidates.clear();
    }
    out.top = candidates
        .into_iter()
        .map(|(_, address, score)| Ranked {
            score: f32::from_bits(score),
            address,
        })
        .collect();
    out
}

impl SegmentCollector for MainSegmentCollector {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let plan = &*self.plan;
        let data = &*self.data;
        if let Some((from, to)) = plan.years {
            let y = data.started.get(doc as usize).copied().unwrap_or(i32::MIN);
            if y == i32::MIN || y < from || y > to {
                return;
            }
        }
        let mut mask = 0u16;
        for &v in data.values_of(doc) {
            mask |= plan.sel_bit.get(v as usize).copied().unwrap_or(0);
        }
        // A document missing two selections counts nowhere (each facet's count waives only
        // its own selection).
        if (plan.full & !mask).count_ones() > 1 {
            return;
        }
        let key = if plan.by_title {
            let ord = data
                .title_ord
                .get(doc as usize)
                .copied()
                .unwrap_or(u64::MAX);
            self.rank
                .as_ref()
                .and_then(|r| usize::try_from(ord).ok().and_then(|o| r.get(o)))
                .map_or(u64::MAX, |&r| u64::from(r))
        } else {
            score_key(score)
        };
        self.matched.push(Matched {
            case: data.case.get(doc as usize).copied().unwrap_or(u32::MAX),
            doc,
            key,
            score: score.to_bits(),
            mask,
        });
    }

    fn harvest(self) -> SegmentFruit {
        SegmentFruit {
            segment: self.segment,
            data: self.data,
            matched: self.matched,
        }
    }
}
