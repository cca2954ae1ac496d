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

use crate::search::FACETS;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The facet values seen in the index: `(facet index in FACETS, value id)` per value index.
/// Append-only while the index is open, so indices stay valid across reloads.
#[derive(Debug, Default, Clone)]
pub struct ValueTable {
    /// Facet index and id of each value.
    pub names: Vec<(u8, String)>,
    /// Value index of each `(facet index, id)`.
    pub lookup: HashMap<(u8, String), u32>,
}

impl ValueTable {
    /// The index of a value, adding it when new.
    pub fn intern(&mut self, facet: u8, id: &str) -> u32 {
        if let Some(&i) = self.lookup.get(&(facet, id.to_string())) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push((facet, id.to_string()));
        self.lookup.insert((facet, id.to_string()), i);
        i
    }

    /// The index of a value, if any document has (had) it.
    pub fn get(&self, facet: u8, id: &str) -> Option<u32> {
        self.lookup.get(&(facet, id.to_string())).copied()
    }
}

/// Per-document facet values, year and title ordinal of one segment.
#[derive(Debug, Default)]
pub struct SegmentData {
    /// `values[offsets[d]..offsets[d + 1]]` are the value indices of document `d`.
    offsets: Vec<u32>,
    values: Vec<u32>,
    /// Year started; `i32::MIN` when unknown.
    started: Vec<i32>,
    /// Ordinal of the normalized title in the segment's `title_norm` column (`u64::MAX`: none).
    title_ord: Vec<u64>,
}

impl SegmentData {
    /// Reads the facet columns of `reader` once.
    pub fn build(reader: &SegmentReader, table: &mut ValueTable) -> tantivy::Result<SegmentData> {
        let max_doc = reader.max_doc() as usize;
        let mut per_doc: Vec<Vec<u32>> = vec![Vec::new(); max_doc];
        for (fi, name) in FACETS.iter().enumerate() {
            let facet_reader = reader.facet_reader(name)?;
            let dict = facet_reader.facet_dict();
            // Term ordinal -> the value and all its ancestors.
            let mut ord_values: Vec<Vec<u32>> = vec![Vec::new(); dict.num_terms()];
            let mut stream = dict.stream()?;
            while stream.advance() {
                let ord = stream.term_ord() as usize;
                let Ok(facet) = Facet::from_encoded(stream.key().to_vec()) else {
                    continue;
                };
                let path = facet.to_path();
                if let Some(slot) = ord_values.get_mut(ord) {
                    for depth in 1..=path.len() {
                        slot.push(table.intern(fi as u8, &path[..depth].join("/")));
                    }
                }
            }
            for (doc, values) in per_doc.iter_mut().enumerate() {
                for ord in facet_reader.facet_ords(doc as DocId) {
                    if let Some(vs) = ord_values.get(ord as usize) {
                        values.extend_from_slice(vs);
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(max_doc + 1);
        let mut values = Vec::new();
        offsets.push(0u32);
        for mut vs in per_doc {
            vs.sort_unstable();
            vs.dedup();
            values.extend_from_slice(&vs);
            offsets.push(values.len() as u32);
        }
        let started_col = reader.fast_fields().i64("started")?;
        let started = (0..max_doc as DocId)
            .map(|d| {
                started_col
                    .first(d)
                    .and_then(|y| i32::try_from(y).ok())
                    .unwrap_or(i32::MIN)
            })
            .collect();
        let title_col = reader.fast_fields().str("title_norm")?;
        let title_ord = (0..max_doc as DocId)
            .map(|d| {
                title_col
                    .as_ref()
                    .and_then(|c| c.ords().first(d))
                    .unwrap_or(u64::MAX)
            })
            .collect();
        Ok(SegmentData {
            offsets,
            values,
            started,
            title_ord,
        })
    }

    fn values_of(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.offsets.get(d), self.offsets.get(d + 1)) {
            (Some(&a), Some(&b)) => self.values.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

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
        }
    }
}

/// One kept hit: its sort key (smaller is better), score and address, plus the title when
/// ordering by title.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// Relevance score (0 when browsing).
    pub score: f32,
    /// Where the document is.
    pub address: DocAddress,
    /// Normalized title when browsing by title.
    pub title: Option<String>,
    key: u64,
}

/// The result of a [`MainCollector`] pass.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Documents satisfying every filter.
    pub total: u64,
    /// Count per value index (disjunctive for facets with a selection).
    pub counts: Vec<u64>,
    /// The best `keep` hits, best first.
    pub top: Vec<Ranked>,
}

/// Counts, filters and ranks in one pass; see the module documentation.
pub struct MainCollector {
    /// The plan of this search.
    pub plan: Arc<Plan>,
    /// Segment data by segment id.
    pub segments: Arc<HashMap<SegmentId, Arc<SegmentData>>>,
}

/// The per-segment half of [`MainCollector`].
pub struct MainSegmentCollector {
    plan: Arc<Plan>,
    data: Arc<SegmentData>,
    segment: SegmentOrdinal,
    titles: Option<StrColumn>,
    total: u64,
    counts: Vec<u64>,
    // Max-heap on (key, doc): the top is the worst kept hit.
    heap: BinaryHeap<(u64, DocId, u32)>,
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
        let titles = if self.plan.by_title {
            reader.fast_fields().str("title_norm")?
        } else {
            None
        };
        Ok(MainSegmentCollector {
            plan: self.plan.clone(),
            data,
            segment,
            titles,
            total: 0,
            counts: vec![0; self.plan.sel_bit.len()],
            heap: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        !self.plan.by_title
    }

    fn merge_fruits(&self, fruits: Vec<Outcome>) -> tantivy::Result<Outcome> {
        let mut out = Outcome {
            total: 0,
            counts: vec![0; self.plan.sel_bit.len()],
            top: Vec::new(),
        };
        for f in fruits {
            out.total += f.total;
            for (a, b) in out.counts.iter_mut().zip(f.counts) {
                *a += b;
            }
            out.top.extend(f.top);
        }
        if self.plan.by_title {
            out.top.sort_by(|a, b| {
                (a.title.is_none(), &a.title, a.address).cmp(&(
                    b.title.is_none(),
                    &b.title,
                    b.address,
                ))
            });
        } else {
            out.top.sort_by_key(|r| (r.key, r.address));
        }
        out.top.truncate(self.plan.keep);
        Ok(out)
    }
}

impl SegmentCollector for MainSegmentCollector {
    type Fruit = Outcome;

    fn collect(&mut self, doc: DocId, score: Score) {
        let plan = &*self.plan;
        let data = &*self.data;
        if let Some((from, to)) = plan.years {
            let y = data.started.get(doc as usize).copied().unwrap_or(i32::MIN);
            if y == i32::MIN || y < from || y > to {
                return;
            }
        }
        let values = data.values_of(doc);
        let mut mask = 0u16;
        for &v in values {
            mask |= plan.sel_bit.get(v as usize).copied().unwrap_or(0);
        }
        for &v in values {
            let fb = plan.facet_bit.get(v as usize).copied().unwrap_or(0);
            if (mask | fb) == plan.full
                && let Some(c) = self.counts.get_mut(v as usize)
            {
                *c += 1;
            }
        }
        if mask != plan.full {
            return;
        }
        self.total += 1;
        if plan.keep == 0 {
            return;
        }
        let key = if plan.by_title {
            data.title_ord
                .get(doc as usize)
                .copied()
                .unwrap_or(u64::MAX)
        } else {
            score_key(score)
        };
        let entry = (key, doc, score.to_bits());
        if self.heap.len() < plan.keep {
            self.heap.push(entry);
        } else if let Some(worst) = self.heap.peek()
            && (entry.0, entry.1) < (worst.0, worst.1)
        {
            self.heap.pop();
            self.heap.push(entry);
        }
    }

    fn harvest(self) -> Outcome {
        let mut top: Vec<Ranked> = Vec::with_capacity(self.heap.len());
        for (key, doc, bits) in self.heap.into_sorted_vec() {
            let title = match (&self.titles, key) {
                (Some(col), k) if k != u64::MAX => {
                    let mut s = String::new();
                    match col.ord_to_str(k, &mut s) {
                        Ok(true) => Some(s),
                        _ => None,
                    }
                }
                _ => None,
            };
            top.push(Ranked {
                score: f32::from_bits(bits),
                address: DocAddress::new(self.segment, doc),
                title,
                key,
            });
        }
        Outcome {
            total: self.total,
            counts: self.counts,
            top,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_key_preserves_order() {
        let scores = [-3.0f32, -0.5, 0.0, 0.25, 1.0, 7.5, 1e6];
        for w in scores.windows(2) {
            assert!(score_key(w[0]) > score_key(w[1]), "{w:?}");
        }
    }

    #[test]
    fn plan_marks_selected_values_and_facets() {
        let mut t = ValueTable::default();
        let flooding = t.intern(0, "flooding");
        let pluvial = t.intern(0, "flooding/pluvial");
        let dk = t.intern(4, "DK");
        let plan = Plan::new(&t, &[(0, vec![Some(flooding)])], None, 10, false);
        assert_eq!(plan.full, 1);
        assert_eq!(plan.sel_bit[flooding as usize], 1);
        assert_eq!(plan.sel_bit[pluvial as usize], 0);
        assert_eq!(plan.facet_bit[pluvial as usize], 1);
        assert_eq!(plan.facet_bit[dk as usize], 0);
    }
}
