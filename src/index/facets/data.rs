//! The facet data of the index, prepared once per segment at a reader reload: the table of
//! facet values, each document's values, year, title ordinal and case number, and the global
//! rank of titles for browse order.

use std::collections::HashMap;
use std::sync::Arc;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, SegmentReader};

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
    pub(super) offsets: Vec<u32>,
    pub(super) values: Vec<u32>,
    /// Year started; `i32::MIN` when unknown.
    pub(super) started: Vec<i32>,
    /// Ordinal of the normalized title in the segment's `title_norm` column (`u64::MAX`: none).
    pub(crate) title_ord: Vec<u64>,
    /// Case number ([`ValueTable::intern_case`]) of each document.
    pub(super) case: Vec<u32>,
}

impl SegmentData {
    /// Reads the facet columns of `reader` once.
    pub fn build(reader: &SegmentReader, table: &mut ValueTable) -> tantivy::Result<SegmentData> {
        let max_doc = reader.max_doc() as usize;
        let mut per_doc: Vec<Vec<u32>> = vec![Vec::new(); max_doc];
        for (fi, name) in crate::index::schema::FACET_FIELD_NAMES.iter().enumerate() {
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
