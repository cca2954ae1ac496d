//! Suggestions while typing: cities, taxonomy values and case titles that complete what the
//! user has typed so far, in the interface language. Cheap enough to answer with every
//! keystroke's search: one small query over the title and city fields (top
//! [`CANDIDATE_DOCS`] documents, their titles and cities read from fast columns) and a scan of the taxonomy's labels.

use super::schema::Fields;
use super::tokenizer::{self, cjk_runs};
use crate::search::{MAX_SUGGESTIONS, Suggestion};
use crate::taxonomy::{TAXONOMY_FACETS, Taxonomy};
use std::ops::Bound;
use tantivy::collector::TopDocs;
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, InvertedIndexRangeQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// Documents whose titles and cities are considered.
const CANDIDATE_DOCS: usize = 24;
/// Most city suggestions.
const MAX_CITIES: usize = 2;
/// Most taxonomy suggestions.
const MAX_VALUES: usize = 3;
/// Titles and cities are looked up once the Latin words typed have this many letters: one or
/// two letters say little, and their prefix would range over much of the title dictionary.
const MIN_LETTERS: usize = 3;

/// What the user typed, as suggestions compare it: Latin words (lower-cased, folded; the last
/// one possibly unfinished) and CJK runs.
struct Typed {
    words: Vec<String>,
    cjk: Vec<String>,
}

impl Typed {
    fn of(query: &str) -> Typed {
        let mut words = tokenizer::words_analyzer();
        Typed {
            words: tokenizer::tokens(&mut words, query)
                .into_iter()
                .map(|t| t.text)
                .collect(),
            cjk: cjk_runs(query)
                .into_iter()
                .map(|r| r.into_iter().collect())
                .collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.cjk.is_empty()
    }

    /// Whether `text` completes the query: every typed word starts a word of `text` and every
    /// CJK run occurs in it.
    fn completed_by(&self, text: &str) -> bool {
        self.completes(&Matchable::of(text))
    }

    /// Whether `text` begins with what was typed first (its first word, or its first CJK
    /// run): "yoko" names Yokohama itself before "Frankfurt am Main (with Yokohama)".
    fn begins(&self, text: &str) -> bool {
        let m = Matchable::of(text);
        match (self.words.first(), self.cjk.first()) {
            (Some(w), _) => m.words.first().is_some_and(|x| x.starts_with(w.as_str())),
            (None, Some(r)) => m.cjk.starts_with(r.as_str()),
            (None, None) => false,
        }
    }

    fn completes(&self, m: &Matchable) -> bool {
        self.words
            .iter()
            .all(|w| m.words.iter().any(|x| x.starts_with(w.as_str())))
            && self.cjk.iter().all(|r| m.cjk.contains(r.as_str()))
    }
}

/// A text as suggestions compare it: its words ([`tokenizer::query_key`]) and its CJK runs.
/// Taxonomy labels are prepared once per library ([`super::Vocabulary`]), so the scan that
/// runs with every keystroke only compares strings.
#[derive(Debug, Clone, Default)]
pub struct Matchable {
    words: Vec<String>,
    cjk: String,
}

impl Matchable {
    /// The words and CJK runs of `text`.
    pub fn of(text: &str) -> Matchable {
        Matchable {
            words: tokenizer::query_key(text)
                .split(' ')
                .map(str::to_string)
                .collect(),
            cjk: cjk_runs(text)
                .into_iter()
                .map(|r| r.into_iter().collect::<String>())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// A taxonomy value prepared for suggestions.
#[derive(Debug, Clone)]
pub struct LabelEntry {
    /// Facet name.
    pub facet: &'static str,
    /// Value id.
    pub id: String,
    /// English label.
    pub en: String,
    /// Japanese label.
    pub ja: String,
    /// The English label, prepared.
    pub en_match: Matchable,
    /// The Japanese label, prepared.
    pub ja_match: Matchable,
}

/// The taxonomy values in facet order, prepared for suggestions.
pub fn label_entries(taxonomy: &Taxonomy) -> Vec<LabelEntry> {
    let mut out = Vec::new();
    for facet in TAXONOMY_FACETS {
        for v in taxonomy
            .facets
            .get(facet)
            .into_iter()
            .flat_map(|f| &f.values)
        {
            out.push(LabelEntry {
                facet,
                id: v.id.clone(),
                en: v.en.clone(),
                ja: v.ja.clone(),
                en_match: Matchable::of(&v.en),
                ja_match: Matchable::of(&v.ja),
            });
        }
    }
    out
}

/// The fast columns suggestions read per segment: case id, title and city as written. Opened
/// once per searcher (see `Snapshot`), so a keystroke reads no stored document and opens no
/// column.
pub type SuggestColumns = [Option<StrColumn>; 3];

/// The [`SuggestColumns`] of every segment of `searcher`, by segment ordinal.
pub fn open_columns(searcher: &Searcher) -> tantivy::Result<Vec<SuggestColumns>> {
    searcher
        .segment_readers()
        .iter()
        .map(|r| {
            let ff = r.fast_fields();
            Ok([ff.str("id")?, ff.str("title_raw")?, ff.str("city_raw")?])
        })
        .collect()
}

/// Up to [`MAX_SUGGESTIONS`] suggestions for `query` in `lang`: cities first, then taxonomy
/// values, then case titles.
pub fn suggestions(
    fields: &Fields,
    searcher: &Searcher,
    query: &str,
    labels: &[LabelEntry],
    columns: &[SuggestColumns],
    lang: &str,
) -> tantivy::Result<Vec<Suggestion>> {
    let typed = Typed::of(query);
    if typed.is_empty() {
        return Ok(Vec::new());
    }
    let mut cities: Vec<(Suggestion, usize)> = Vec::new();
    let mut titles: Vec<Suggestion> = Vec::new();
    let letters: usize = typed.words.iter().map(|w| w.chars().count()).sum();
    let enough = letters >= MIN_LETTERS || !typed.cjk.is_empty();
    if let Some(q) = candidates_query(fields, &typed, lang).filter(|_| enough) {
        let top = searcher.search(&*q, &TopDocs::with_limit(CANDIDATE_DOCS).order_by_score())?;
        for (_, address) in top {
            let Some(cols) = columns.get(address.segment_ord as usize) else {
                continue;
            };
            let text = |col: &Option<StrColumn>| -> String {
                let mut out = String::new();
                if let Some(col) = col
                    && let Some(ord) = col.ords().first(address.doc_id)
                {
                    let _ = col.ord_to_str(ord, &mut out);
                }
                out
            };
            let (id, title, city) = (text(&cols[0]), text(&cols[1]), text(&cols[2]));
            if typed.completed_by(&city) {
                match cities.iter_mut().find(|(c, _)| c.value == city) {
                    Some((_, n)) => *n += 1,
                    None => cities.push((
                        Suggestion {
                            kind: "city".into(),
                            label: city.clone(),
                            value: city,
                        },
                        1,
                    )),
                }
            }
            if typed.completed_by(&title) && !titles.iter().any(|t| t.value == id) {
                titles.push(Suggestion {
                    kind: "case".into(),
                    label: title,
                    value: id,
                });
            }
        }
    }
    // Cities that begin with the query first ("yoko": Yokohama before "Frankfurt am Main (with
    // Yokohama)"), then those with more matching cases (Yokohama before Yokote); the sort is
    // stable, so score order decides the rest. Near-equal scores vary with the index's
    // segments, so they must not decide between these.
    cities.sort_by_key(|(c, n)| (!typed.begins(&c.value), std::cmp::Reverse(*n)));
    cities.truncate(MAX_CITIES);
    let cities: Vec<Suggestion> = cities.into_iter().map(|(c, _)| c).collect();
    let mut values: Vec<Suggestion> = Vec::new();
    for v in labels {
        if values.len() >= MAX_VALUES {
            break;
        }
        if typed.completes(&v.en_match) || typed.completes(&v.ja_match) {
            values.push(Suggestion {
                kind: v.facet.to_string(),
                label: if lang == "ja" {
                    v.ja.clone()
                } else {
                    v.en.clone()
                },
                value: v.id.clone(),
            });
        }
    }
    let mut out: Vec<Suggestion> = cities;
    out.extend(values);
    out.extend(titles);
    out.truncate(MAX_SUGGESTIONS);
    Ok(out)
}

/// Documents in `lang` whose title or city has every typed word (the last one as a prefix)
/// and every CJK run; `None` when nothing typed can be searched.
fn candidates_query(fields: &Fields, typed: &Typed, lang: &str) -> Option<Box<dyn Query>> {
    let mut en = tokenizer::en_analyzer();
    let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Must,
        Box::new(TermQuery::new(
            Term::from_field_text(fields.lang, lang),
            IndexRecordOption::Basic,
        )),
    )];
    let last = typed.words.len().saturating_sub(1);
    for (i, word) in typed.words.iter().enumerate() {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for field in [fields.title, fields.city] {
            for stem in tokenizer::tokens(&mut en, word) {
                any.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &stem.text),
                        IndexRecordOption::WithFreqs,
                    )),
                ));
            }
            if i == last {
                let lower = Term::from_field_text(field, word);
                let upper = Term::from_field_text(field, &format!("{word}\u{10FFFF}"));
                any.push((
                    Occur::Should,
                    Box::new(InvertedIndexRangeQuery::new(
                        Bound::Included(lower),
                        Bound::Excluded(upper),
                    )),
                ));
            }
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    for run in &typed.cjk {
        let chars: Vec<char> = run.chars().collect();
        let grams: Vec<String> = if chars.len() == 1 {
            vec![run.clone()]
        } else {
            chars.windows(2).map(|w| w.iter().collect()).collect()
        };
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for field in [fields.title_cjk, fields.city_cjk] {
            let q: Box<dyn Query> = match grams.as_slice() {
                [one] => Box::new(TermQuery::new(
                    Term::from_field_text(field, one),
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(super::guard::Guarded(Box::new(PhraseQuery::new(
                    grams
                        .iter()
                        .map(|g| Term::from_field_text(field, g))
                        .collect(),
                )))),
            };
            any.push((Occur::Should, q));
        }
        must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    (must.len() > 1).then(|| Box::new(BooleanQuery::new(must)) as Box<dyn Query>)
}
