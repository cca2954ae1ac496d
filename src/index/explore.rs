//! Every matching case of a request with the few facts the map, the overview and "cities like
//! this one" need, read from fast columns (no stored document is decompressed, so 10,000
//! matches cost a pass over columns, not 10,000 document reads).

use super::Vocabulary;
use super::search::{selections, year_range};
use super::{Index, query};
use crate::error::Result;
use crate::explore::CaseFacts;
use crate::search::{FACETS, SearchRequest};
use tantivy::columnar::{Column, StrColumn};

/// The columns of one segment that [`Index::case_facts`] reads; the string columns as their
/// ordinal-to-text tables (read in one sequential pass: looking up ordinals one at a time
/// decodes a dictionary block per lookup, which made 10,000 matches take seconds).
struct Columns {
    id: Terms,
    title: Terms,
    city: Terms,
    lat: Option<Column<f64>>,
    lon: Option<Column<f64>>,
    outcomes: Option<Column<u64>>,
    sources: Option<Column<u64>>,
}

impl Columns {
    fn open(reader: &tantivy::SegmentReader) -> tantivy::Result<Columns> {
        let ff = reader.fast_fields();
        Ok(Columns {
            id: Terms::read(ff.str("id")?)?,
            title: Terms::read(ff.str("title_raw")?)?,
            city: Terms::read(ff.str("city_raw")?)?,
            lat: ff.f64("lat").ok(),
            lon: ff.f64("lon").ok(),
            outcomes: ff.u64("outcomes_n").ok(),
            sources: ff.u64("sources_n").ok(),
        })
    }
}

/// A string column with the text of each ordinal.
struct Terms {
    column: Option<StrColumn>,
    texts: Vec<String>,
}

impl Terms {
    fn read(column: Option<StrColumn>) -> tantivy::Result<Terms> {
        let mut texts = Vec::new();
        if let Some(col) = &column {
            texts.reserve(col.num_terms());
            let mut stream = col.dictionary().stream()?;
            while stream.advance() {
                texts.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        Ok(Terms { column, texts })
    }

    /// The text of `doc` ("" when absent).
    fn text(&self, doc: tantivy::DocId) -> String {
        self.column
            .as_ref()
            .and_then(|c| c.ords().first(doc))
            .and_then(|o| usize::try_from(o).ok())
            .and_then(|o| self.texts.get(o))
            .cloned()
            .unwrap_or_default()
    }
}

impl Index {
    /// One [`CaseFacts`] per case matching `request` (query, filters, years; the same
    /// spelling correction as [`Index::search`] when nothing matches), in the request's
    /// `ui_lang` where that file matches. Paging (`limit`, `offset`) is ignored: all matches.
    pub fn case_facts(
        &self,
        request: &SearchRequest,
        vocab: &Vocabulary,
    ) -> Result<Vec<CaseFacts>> {
        let snap = self.snapshot();
        let parsed = query::parse(&request.query);
        let selections = selections(&snap.table, request);
        let years = year_range(request);
        let run = |parsed: &query::Parsed| -> Result<super::facets::Outcome> {
            let (outcome, _) = self.collect(
                &snap,
                parsed,
                vocab,
                &selections,
                years,
                usize::MAX,
                request,
            )?;
            Ok(outcome)
        };
        let mut outcome = run(&parsed)?;
        if outcome.total == 0
            && parsed.has_positive()
            && let Some(fixed) = query::correct(&parsed, &self.fields, &snap.searcher)?
        {
            let retry = run(&fixed)?;
            if retry.total > 0 {
                outcome = retry;
            }
        }
        let readers = snap.searcher.segment_readers();
        let mut columns: Vec<Option<Columns>> = (0..readers.len()).map(|_| None).collect();
        let mut out = Vec::with_capacity(outcome.top.len());
        for ranked in &outcome.top {
            let seg = ranked.address.segment_ord as usize;
            let doc = ranked.address.doc_id;
            let (Some(reader), Some(slot)) = (readers.get(seg), columns.get_mut(seg)) else {
                continue;
            };
            let Some(data) = snap.segments.get(&reader.segment_id()) else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(Columns::open(reader)?);
            }
            let Some(cols) = slot.as_ref() else {
                continue;
            };
            let values = data
                .values_of(doc)
                .iter()
                .filter_map(|&v| snap.table.names.get(v as usize))
                .filter_map(|(fi, id)| FACETS.get(*fi as usize).map(|f| (*f, id.clone())))
                .collect();
            let lat = cols.lat.as_ref().and_then(|c| c.first(doc));
            let lon = cols.lon.as_ref().and_then(|c| c.first(doc));
            let count = |c: &Option<Column<u64>>| {
                c.as_ref()
                    .and_then(|c| c.first(doc))
                    .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX))
            };
            out.push(CaseFacts {
                id: cols.id.text(doc),
                title: cols.title.text(doc),
                city: cols.city.text(doc),
                values,
                started: data.started_of(doc),
                coordinates: lat.zip(lon).map(|(a, b)| [a, b]),
                outcomes: count(&cols.outcomes),
                sources: count(&cols.sources),
            });
        }
        Ok(out)
    }
}
