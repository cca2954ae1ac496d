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

use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
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
    /// Case number of each case id: translations of a case share it, so results and counts
    /// can be per case rather than per file.
    pub cases: HashMap<String, u32>,
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

    /// The case number of `id`, adding it when new.
    pub fn intern_case(&mut self, id: &str) -> u32 {
        if let Some(&n) = self.cases.get(id) {
            return n;
        }
        let n = self.cases.len() as u32;
        self.cases.insert(id.to_string(), n);
        n
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
    pub(crate) title_ord: Vec<u64>,
    /// Case number ([`ValueTable::intern_case`]) of each document.
    case: Vec<u32>,
}

impl SegmentData {
    /// Reads the facet columns of `reader` once.
    pub fn build(reader: &SegmentReader, table: &mut ValueTable) -> tantivy::Result<SegmentData> {
        let max_doc = reader.max_doc() as usize;
        let mut per_doc: Vec<Vec<u32>> = vec![Vec::new(); max_doc];
        for (fi, name) in super::schema::FACET_FIELD_NAMES.iter().enumerate() {
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
        let case = match reader.fast_fields().str("id")? {
            Some(col) => {
                let mut by_ord = Vec::with_capacity(col.num_terms());
                let mut stream = col.dictionary().stream()?;
                while stream.advance() {
                    let id = String::from_utf8_lossy(stream.key());
                    by_ord.push(table.intern_case(&id));
                }
                (0..max_doc as DocId)
                    .map(|d| {
                        col.ords()
                            .first(d)
                            .and_then(|o| by_ord.get(o as usize).copied())
                            .unwrap_or(u32::MAX)
                    })
                    .collect()
            }
            None => vec![u32::MAX; max_doc],
        };
        Ok(SegmentData {
            offsets,
            values,
            started,
            title_ord,
            case,
        })
    }

    /// The year `doc` started, if known.
    pub fn started_of(&self, doc: DocId) -> Option<i32> {
        self.started
            .get(doc as usize)
            .copied()
            .filter(|&y| y != i32::MIN)
    }

    /// The value indices of `doc` (ancestors included).
    pub fn values_of(&self, doc: DocId) -> &[u32] {
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
fn group_by_case(plan: &Plan, fruits: &[SegmentFruit]) -> Outcome {
    let mut out = Outcome {
        total: 0,
        counts: vec![0; plan.sel_bit.len()],
        top: Vec::new(),
    };
    // Chains of matched documents per case: `head[case]` is the first, `next` links them.
    let flat: Vec<(usize, Matched)> = fruits
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| f.matched.iter().map(move |m| (fi, *m)))
        .collect();
    let mut head = vec![u32::MAX; plan.num_cases];
    let mut next = vec![u32::MAX; flat.len()];
    let mut touched: Vec<u32> = Vec::new();
    for (i, (_, m)) in flat.iter().enumerate() {
        let Some(h) = head.get_mut(m.case as usize) else {
            continue;
        };
        if *h == u32::MAX {
            touched.push(m.case);
        }
        next[i] = *h;
        *h = i as u32;
    }
    let mut values: Vec<u32> = Vec::new();
    let mut candidates: Vec<(u64, DocAddress, u32)> = Vec::new();
    for case in touched {
        values.clear();
        // (is not preferred, key, address) of the file to show; the best key of the case.
        let mut shown: Option<(bool, u64, DocAddress, u32)> = None;
        let mut best: Option<(u64, u32)> = None;
        let mut i = head[case as usize];
        while i != u32::MAX {
            let (fi, m) = flat[i as usize];
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
            i = next[i as usize];
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

/// The global rank of every title ordinal of every segment, so browse order compares across
/// segments without reading strings at search time.
pub fn title_ranks(
    searcher: &tantivy::Searcher,
) -> tantivy::Result<HashMap<SegmentId, Arc<Vec<u32>>>> {
    let mut all: Vec<(String, usize, usize)> = Vec::new();
    let mut sizes = Vec::new();
    for (si, reader) in searcher.segment_readers().iter().enumerate() {
        let mut n = 0;
        if let Some(col) = reader.fast_fields().str("title_norm")? {
            let mut stream = col.dictionary().stream()?;
            while stream.advance() {
                all.push((String::from_utf8_lossy(stream.key()).to_string(), si, n));
                n += 1;
            }
        }
        sizes.push(n);
    }
    all.sort_unstable();
    let mut ranks: Vec<Vec<u32>> = sizes.iter().map(|&n| vec![u32::MAX; n]).collect();
    let mut rank = 0u32;
    for (i, (title, si, ord)) in all.iter().enumerate() {
        if i > 0 && all[i - 1].0 != *title {
            rank += 1;
        }
        if let Some(slot) = ranks.get_mut(*si).and_then(|r| r.get_mut(*ord)) {
            *slot = rank;
        }
    }
    Ok(searcher
        .segment_readers()
        .iter()
        .zip(ranks)
        .map(|(r, v)| (r.segment_id(), Arc::new(v)))
        .collect())
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
        let plan = Plan::new(&t, &[(0, vec![Some(flooding)])], None, 10, false, "en");
        assert_eq!(plan.full, 1);
        assert_eq!(plan.sel_bit[flooding as usize], 1);
        assert_eq!(plan.sel_bit[pluvial as usize], 0);
        assert_eq!(plan.facet_bit[pluvial as usize], 1);
        assert_eq!(plan.facet_bit[dk as usize], 0);
    }
}
