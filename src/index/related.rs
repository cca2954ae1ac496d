//! "More like this": cases related to a case, by shared words and shared facet values.

use super::document::{Stored, facet_of};
use super::{Fields, Index, snippet};
use crate::error::{Error, Result};
use crate::search::Hit;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

impl Index {
    /// Cases related to `id` (in `lang` when it exists), excluding `id` itself: "more like
    /// this" on the text of the case in `lang` (else English, else any language) plus shared
    /// hazard, measure, sector and programme values. One hit per case, in `lang` when that
    /// translation exists. Fails with [`Error::NotFound`] when no document has this id.
    pub fn related(&self, id: &str, lang: &str, limit: usize) -> Result<Vec<Hit>> {
        let snap = self.snapshot();
        let searcher = &snap.searcher;
        let f = &self.fields;
        let versions = docs_of_id(searcher, f, id)?;
        let source = pick_lang(&versions, lang).ok_or_else(|| Error::NotFound(id.to_string()))?;
        if limit == 0 {
            return Ok(Vec::new());
        }
        let text = |s: &str| vec![OwnedValue::Str(s.to_string())];
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            // Words in most cases ("case", "city") say nothing about similarity.
            .with_max_doc_frequency((searcher.num_docs() / 2).max(2))
            .with_min_term_frequency(1)
            .with_min_word_length(2)
            .with_max_query_terms(30)
            .with_boost_factor(1.0)
            .with_document_fields(vec![
                (f.title, text(&source.1.title)),
                (f.summary, text(&source.1.summary)),
                (f.body, text(&source.1.body)),
                (f.title_cjk, text(&source.1.title)),
                (f.summary_cjk, text(&source.1.summary)),
                (f.body_cjk, text(&source.1.body)),
            ]);
        let exclude_self = || -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f.id, id),
                IndexRecordOption::Basic,
            ))
        };
        // Scale the facet boosts to the best text score so both matter.
        let text_only = BooleanQuery::new(vec![
            (Occur::Should, Box::new(mlt.clone()) as Box<dyn Query>),
            (Occur::MustNot, exclude_self()),
        ]);
        let best = searcher
            .search(&text_only, &TopDocs::with_limit(1).order_by_score())?
            .first()
            .map_or(1.0, |(s, _)| *s)
            .max(1e-3);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, Box::new(mlt)),
            (Occur::MustNot, exclude_self()),
        ];
        let shared = [
            (f.hazard, &source.1.hazards, 0.3f32),
            (f.measure, &source.1.measures, 0.2),
            (f.sector, &source.1.sectors, 0.15),
            (f.programme, &source.1.programmes, 0.1),
        ];
        for (field, values, weight) in shared {
            for v in values {
                if let Some(facet) = facet_of(v) {
                    let q =
                        TermQuery::new(Term::from_facet(field, &facet), IndexRecordOption::Basic);
                    clauses.push((
                        Occur::Should,
                        Box::new(ConstScoreQuery::new(Box::new(q), best * weight)),
                    ));
                }
            }
        }
        let candidates = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit.saturating_mul(4).saturating_add(8)).order_by_score(),
        )?;
        let mut out: Vec<Hit> = Vec::new();
        for (score, address) in candidates {
            if out.len() >= limit {
                break;
            }
            let doc: TantivyDocument = searcher.doc(address)?;
            let stored = Stored::read(f, &doc);
            if out.iter().any(|h| h.id == stored.id) {
                continue;
            }
            let chosen = if stored.lang == lang {
                stored
            } else {
                let versions = docs_of_id(searcher, f, &stored.id)?;
                pick_lang(&versions, lang).map_or(stored, |(_, s)| s)
            };
            let snippet = snippet::plain(&chosen.summary);
            out.push(chosen.into_hit(score, snippet));
        }
        Ok(out)
    }
}

/// Every language version of case `id`.
fn docs_of_id(searcher: &Searcher, f: &Fields, id: &str) -> Result<Vec<(DocAddress, Stored)>> {
    let q = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
    let mut out = Vec::new();
    for (_, address) in searcher.search(&q, &TopDocs::with_limit(64).order_by_score())? {
        let doc: TantivyDocument = searcher.doc(address)?;
        out.push((address, Stored::read(f, &doc)));
    }
    Ok(out)
}

/// The version in `lang`, else English, else the first.
fn pick_lang(versions: &[(DocAddress, Stored)], lang: &str) -> Option<(DocAddress, Stored)> {
    versions
        .iter()
        .find(|(_, s)| s.lang == lang)
        .or_else(|| versions.iter().find(|(_, s)| s.lang == "en"))
        .or_else(|| versions.first())
        .cloned()
}
