//! Running a search: compile the query, collect the page and the facet counts in one pass,
//! retry once with typos corrected when nothing matched, then build snippets and suggestions.

use super::document::{Stored, facet_of};
use super::facets::{MainCollector, Outcome, Plan, ValueTable};
use super::{Index, Snapshot, Vocabulary, query, snippet, suggest};
use crate::error::Result;
use crate::search::{
    FACETS, FILTER_ONLY, FacetCount, SearchRequest, SearchResponse, builtin_label,
};
use crate::taxonomy::{TAXONOMY_FACETS, Taxonomy};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;
use tantivy::TantivyDocument;
use tantivy::query::{AllQuery, Query};

/// Largest page a request may ask for; larger limits are clamped.
const MAX_LIMIT: usize = 1000;
/// Largest offset honoured; deeper pages are empty (nobody pages that far; bounds memory).
const MAX_OFFSET: usize = 100_000;

impl Index {
    /// Runs a search (README, "Search syntax") with the library's taxonomy (facet labels) and vocabulary
    /// (synonyms, known words, programme names).
    pub fn search(
        &self,
        request: &SearchRequest,
        taxonomy: &Taxonomy,
        vocab: &Vocabulary,
    ) -> Result<SearchResponse> {
        let started = Instant::now();
        let snap = self.snapshot();
        let parsed = query::parse(&request.query);
        let limit = request.effective_limit().min(MAX_LIMIT);
        let offset = request.offset.min(MAX_OFFSET);
        let selections = selections(&snap.table, request);
        let years = year_range(request);
        let run = |parsed: &query::Parsed| {
            self.collect(
                &snap,
                parsed,
                vocab,
                &selections,
                years,
                offset + limit,
                request,
            )
        };
        let (mut outcome, mut also) = run(&parsed)?;
        let mut shown = parsed;
        let mut corrected = None;
        if outcome.total == 0
            && shown.has_positive()
            && let Some(fixed) = query::correct(&shown, &self.fields, &snap.searcher)?
        {
            let (retry, retry_also) = run(&fixed)?;
            if retry.total > 0 {
                outcome = retry;
                also = retry_also;
                corrected = Some(fixed.render());
                shown = fixed;
            }
        }
        let highlight = query::Highlight::of_query(&shown, vocab, &also);
        let mut hits = Vec::with_capacity(limit);
        for ranked in outcome.top.iter().skip(offset) {
            let doc: TantivyDocument = snap.searcher.doc(ranked.address)?;
            let stored = Stored::read(&self.fields, &doc);
            let snippet = if highlight.is_empty() {
                snippet::plain(&stored.summary)
            } else {
                snippet::snippet(&stored.summary, &stored.body, &highlight)
            };
            hits.push(stored.into_hit(ranked.score, snippet));
        }
        let ui_lang = request.ui_lang.as_deref().unwrap_or("en");
        let suggestions = if request.suggest {
            suggest::suggestions(
                &self.fields,
                &snap.searcher,
                &request.query,
                &vocab.labels,
                &snap.suggest_columns()?,
                ui_lang,
            )?
        } else {
            Vec::new()
        };
        let facets = facet_counts(&snap.table, &outcome.counts, request, taxonomy, ui_lang);
        Ok(SearchResponse {
            total: outcome.total,
            hits,
            facets,
            corrected,
            suggestions,
            also_searched: also,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }
}

impl Index {
    /// Runs `parsed` once through the [`MainCollector`]: the matching cases filtered by
    /// `selections` and `years`, their facet counts and the best `keep` of them (by score, or
    /// by title when the query has nothing to score). Also returns the synonym forms searched.
    /// The search and the explore views both collect this way.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn collect(
        &self,
        snap: &Snapshot,
        parsed: &query::Parsed,
        vocab: &Vocabulary,
        selections: &[(u8, Vec<Option<u32>>)],
        years: Option<(i32, i32)>,
        keep: usize,
        request: &SearchRequest,
    ) -> Result<(Outcome, Vec<String>)> {
        let mut builder =
            query::Builder::new(&self.fields, &snap.searcher, &snap.prefix_tops, vocab);
        let (q, by_title, also): (Box<dyn Query>, bool, Vec<String>) =
            match builder.compile(parsed)? {
                Some(c) => (c.query, !c.scored, c.also),
                None => (Box::new(AllQuery), true, Vec::new()),
            };
        let plan = Plan::new(
            &snap.table,
            selections,
            years,
            keep,
            by_title,
            request.ui_lang.as_deref().unwrap_or("en"),
        );
        let collector = MainCollector {
            plan: Arc::new(plan),
            segments: snap.segments.clone(),
            title_rank: if by_title {
                snap.title_rank()?
            } else {
                Arc::default()
            },
        };
        Ok((snap.searcher.search(&*q, &collector)?, also))
    }
}

/// The request's inclusive year range, when it has one.
pub(super) fn year_range(request: &SearchRequest) -> Option<(i32, i32)> {
    match (request.from, request.to) {
        (None, None) => None,
        (from, to) => Some((from.unwrap_or(i32::MIN + 1), to.unwrap_or(i32::MAX))),
    }
}

/// A filter value as the index spells it: trimmed, no outer slashes, country codes upper-case.
fn normalize_filter_value(facet: &str, value: &str) -> String {
    if facet == "city" {
        // A city is one value even when its name has a slash (`Frankfurt/Main`): the facet
        // path joins its parts with `/` again.
        return facet_of(value)
            .map(|f| f.to_path().join("/"))
            .unwrap_or_default();
    }
    let v = value.trim().trim_matches('/');
    if facet == "country" {
        v.to_ascii_uppercase()
    } else {
        v.to_string()
    }
}

/// The request's selections as value indices per facet index (facets not in `FACETS` and
/// empty selections are ignored).
pub(super) fn selections(
    table: &ValueTable,
    request: &SearchRequest,
) -> Vec<(u8, Vec<Option<u32>>)> {
    let mut out = Vec::new();
    for (fi, name) in FACETS.iter().enumerate() {
        let Some(values) = request.filters.get(*name) else {
            continue;
        };
        let ids: Vec<Option<u32>> = values
            .iter()
            .map(|v| normalize_filter_value(name, v))
            .filter(|v| !v.is_empty())
            .map(|v| table.get(fi as u8, &v))
            .collect();
        if !ids.is_empty() {
            out.push((fi as u8, ids));
        }
    }
    out
}

/// Facet counts for the response: every value with a count, plus every selected value (count
/// 0 when nothing matches it now), sorted by count then id, labelled in `ui_lang`.
fn facet_counts(
    table: &ValueTable,
    counts: &[u64],
    request: &SearchRequest,
    taxonomy: &Taxonomy,
    ui_lang: &str,
) -> BTreeMap<String, Vec<FacetCount>> {
    let mut per_facet: Vec<Vec<(String, u64)>> = vec![Vec::new(); FACETS.len()];
    for (v, (fi, id)) in table.names.iter().enumerate() {
        let c = counts.get(v).copied().unwrap_or(0);
        if c > 0
            && let Some(list) = per_facet.get_mut(*fi as usize)
        {
            list.push((id.clone(), c));
        }
    }
    let mut out = BTreeMap::new();
    for (fi, name) in FACETS.iter().enumerate() {
        if FILTER_ONLY.contains(name) {
            continue;
        }
        let mut list = std::mem::take(&mut per_facet[fi]);
        for v in request.filters.get(*name).into_iter().flatten() {
            let v = normalize_filter_value(name, v);
            if !v.is_empty() && !list.iter().any(|(id, _)| *id == v) {
                list.push((v, 0));
            }
        }
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let labelled = list
            .into_iter()
            .map(|(id, count)| FacetCount {
                label: if TAXONOMY_FACETS.contains(name) {
                    taxonomy.label(name, &id, ui_lang)
                } else {
                    builtin_label(name, &id, ui_lang)
                },
                id,
                count,
            })
            .collect();
        out.insert(name.to_string(), labelled);
    }
    out
}
