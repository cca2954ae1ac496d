//! Compiling parsed items into one tantivy query: the words ANDed (`OR` groups), exclusions,
//! field scopes, and the boosts that rank a close or exact match first.

use super::parse::{Item, Parsed, Scope};
use crate::index::expand::Vocabulary;
use crate::index::guard::Guarded;
use crate::index::prefix_tops::PrefixTops;
use crate::index::schema::Fields;
use crate::index::tokenizer::{self, cjk_runs};
use crate::search::COUNTRIES;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// Fields with their boosts.
type Boosted = Vec<(Field, f32)>;

/// Turns parsed items into tantivy queries against one searcher.
pub struct Builder<'a> {
    /// The fields.
    pub fields: &'a Fields,
    /// The searcher (term dictionaries for prefix expansion).
    pub searcher: &'a Searcher,
    /// Synonyms, known words and programme names.
    pub vocab: &'a Vocabulary,
    /// The best words under each short prefix, per segment.
    pub tops: &'a PrefixTops,
    pub(in crate::index) en: TextAnalyzer,
    pub(in crate::index) words: TextAnalyzer,
}

/// Score added to an exact (normalized) title match so it always ranks first.
const EXACT_TITLE_SCORE: f32 = 10_000.0;

/// The clauses a query compiled to, plus the terms the snippets should mark.
pub struct Compiled {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Whether the query ranks by relevance (it has positive items); otherwise browse order.
    pub scored: bool,
    /// The other forms searched because of synonyms, in query order.
    pub also: Vec<String>,
}

impl<'a> Builder<'a> {
    /// A builder over `searcher` (with `tops`, its segments' short-prefix tables).
    pub fn new(
        fields: &'a Fields,
        searcher: &'a Searcher,
        tops: &'a PrefixTops,
        vocab: &'a Vocabulary,
    ) -> Self {
        Builder {
            fields,
            searcher,
            vocab,
            tops,
            en: tokenizer::en_analyzer(),
            words: tokenizer::words_analyzer(),
        }
    }

    /// Compiles `parsed`; `None` when it has no usable item (browse everything).
    pub fn compile(&mut self, parsed: &Parsed) -> tantivy::Result<Option<Compiled>> {
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        let mut must_not: Vec<Box<dyn Query>> = Vec::new();
        let mut group: Vec<Box<dyn Query>> = Vec::new();
        let flush =
            |group: &mut Vec<Box<dyn Query>>, must: &mut Vec<Box<dyn Query>>| match group.len() {
                0 => {}
                1 => must.append(group),
                _ => {
                    let clauses = group.drain(..).map(|q| (Occur::Should, q)).collect();
                    must.push(Box::new(BooleanQuery::new(clauses)));
                }
            };
        let groups = self.synonym_groups(parsed);
        let mut also: Vec<String> = Vec::new();
        let mut i = 0;
        while i < parsed.items.len() {
            if let Some((len, expansions)) = groups.get(&i) {
                flush(&mut group, &mut must);
                let q = self.expanded(&parsed.items[i..i + len], expansions)?;
                for e in expansions {
                    if !also.contains(&e.form) {
                        also.push(e.form.clone());
                    }
                }
                group.push(q);
                i += len;
                continue;
            }
            let item = &parsed.items[i];
            i += 1;
            let Some(q) = self.item_query(item)? else {
                continue;
            };
            if item.negated {
                must_not.push(q);
            } else {
                if !item.or_prev {
                    flush(&mut group, &mut must);
                }
                group.push(q);
            }
        }
        flush(&mut group, &mut must);
        if must.is_empty() && must_not.is_empty() {
            return Ok(None);
        }
        let scored = !must.is_empty();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if must.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        clauses.extend(must.into_iter().map(|q| (Occur::Must, q)));
        clauses.extend(must_not.into_iter().map(|q| (Occur::MustNot, q)));
        if scored && let Some(norm) = exact_title_text(parsed) {
            let term = Term::from_field_text(self.fields.title_norm, &norm);
            let exact = TermQuery::new(term, IndexRecordOption::Basic);
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(exact), EXACT_TITLE_SCORE)),
            ));
        }
        if scored && let Some(near) = self.proximity(parsed) {
            clauses.push((Occur::Should, near));
        }
        if scored && let Some(named) = self.named(parsed) {
            clauses.push((Occur::Should, named));
        }
        Ok(Some(Compiled {
            query: Box::new(BooleanQuery::new(clauses)),
            scored,
            also,
        }))
    }

    /// A boost for cases where the plain words of the query stand close together, in order
    /// (`heat island` near "urban heat island" beats "island" in a title and "heat" far away).
    /// Only scores: it never changes which cases match.
    fn proximity(&mut self, parsed: &Parsed) -> Option<Box<dyn Query>> {
        let words: Vec<&Item> = parsed
            .items
            .iter()
            .filter(|i| !i.phrase && !i.negated && !i.or_prev && i.scope == Scope::Any)
            .collect();
        if words.len() < 2 {
            return None;
        }
        let text: Vec<&str> = words.iter().map(|i| i.text.as_str()).collect();
        let tokens = tokenizer::tokens(&mut self.en, &text.join(" "));
        if tokens.len() < 2 {
            return None;
        }
        let f = self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Words close together anywhere, and the exact phrase in the title, the summary or a
        // concept label (`heat island` in "Urban heat island") above that.
        let near = [
            (f.title, 4.0, PROXIMITY_SLOP),
            (f.summary, 3.0, PROXIMITY_SLOP),
            (f.body, 2.0, PROXIMITY_SLOP),
            (f.concepts, 2.0, PROXIMITY_SLOP),
            (f.title, PHRASE_BOOST, 0),
            (f.summary, PHRASE_BOOST, 0),
            (f.concepts, PHRASE_BOOST, 0),
        ];
        // When every word is in most bodies (`and`, `city plan`), words near each other in a
        // body say little about the case, and checking it reads the positions of nearly
        // every file: the slowest requests at 100,000 cases. Only the body is skipped; the
        // short fields still reward the words together.
        let common = self.in_most_bodies(&tokens);
        for (field, boost, slop) in near {
            if common && field == f.body {
                continue;
            }
            let mut phrase = PhraseQuery::new(
                tokens
                    .iter()
                    .map(|t| Term::from_field_text(field, &t.text))
                    .collect(),
            );
            phrase.set_slop(slop);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(Guarded(Box::new(phrase))), boost)),
            ));
        }
        Some(Box::new(BoostQuery::new(
            Box::new(BooleanQuery::new(clauses)),
            PROXIMITY_BOOST,
        )))
    }

    /// Whether every token is in more than half of the indexed bodies.
    fn in_most_bodies(&self, tokens: &[tantivy::tokenizer::Token]) -> bool {
        let docs = self.searcher.num_docs();
        docs > 0
            && tokens.iter().all(|t| {
                self.searcher
                    .doc_freq(&Term::from_field_text(self.fields.body, &t.text))
                    .is_ok_and(|n| n.saturating_mul(2) > docs)
            })
    }

    pub(in crate::index) fn item_query(
        &mut self,
        item: &Item,
    ) -> tantivy::Result<Option<Box<dyn Query>>> {
        let (en_fields, cjk_fields): (Boosted, Boosted) = match item.scope {
            Scope::Country => return Ok(Some(country_query(self.fields, &item.text))),
            Scope::Any => (
                self.fields.en_fields().to_vec(),
                self.fields.cjk_fields().to_vec(),
            ),
            Scope::Title => (
                vec![(self.fields.title, 1.0)],
                vec![(self.fields.title_cjk, 1.0)],
            ),
            Scope::City => (
                vec![(self.fields.city, 1.0)],
                vec![(self.fields.city_cjk, 1.0)],
            ),
        };
        let mut parts: Vec<Box<dyn Query>> = Vec::new();
        let en_tokens: Vec<String> = tokenizer::tokens(&mut self.en, &item.text)
            .into_iter()
            .map(|t| t.text)
            .collect();
        if !en_tokens.is_empty() {
            let exact = text_clause(&en_fields, &en_tokens);
            let prefix_word = if item.prefix && item.scope == Scope::Any && en_tokens.len() == 1 {
                let w = tokenizer::tokens(&mut self.words, &item.text);
                match w.as_slice() {
                    [one] => Some(one.text.clone()),
                    _ => None,
                }
            } else {
                None
            };
            match prefix_word {
                Some(p) => parts.push(self.prefix_clause(exact, &p, &en_fields)?),
                None => parts.push(exact),
            }
        }
        for run in cjk_runs(&item.text) {
            parts.push(self.cjk_query(&cjk_fields, &run));
        }
        Ok(match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Box::new(BooleanQuery::intersection(parts))),
        })
    }
}

/// How many positions apart the words of an unquoted query may stand for the proximity boost.
const PROXIMITY_SLOP: u32 = 3;
/// Weight of the exact phrase of an unquoted query in a title, summary or concept label.
const PHRASE_BOOST: f32 = 3.0;
/// Weight of the proximity boost relative to the words' own scores.
const PROXIMITY_BOOST: f32 = 3.0;

/// The normalized text of a query for the exact-title boost: only when every item is a
/// positive, unscoped word or phrase.
fn exact_title_text(parsed: &Parsed) -> Option<String> {
    if parsed
        .items
        .iter()
        .any(|i| i.negated || i.scope != Scope::Any || i.or_prev)
    {
        return None;
    }
    let joined: Vec<&str> = parsed.items.iter().map(|i| i.text.as_str()).collect();
    let norm = tokenizer::normalize_title(&joined.join(" "));
    (!norm.is_empty()).then_some(norm)
}

/// A word (one token) or phrase (several) over the given fields, summed with boosts.
pub(in crate::index) fn text_clause(fields: &[(Field, f32)], tokens: &[String]) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &(field, boost) in fields {
        let q: Box<dyn Query> = if let [one] = tokens {
            Box::new(TermQuery::new(
                Term::from_field_text(field, one),
                IndexRecordOption::WithFreqs,
            ))
        } else {
            Box::new(Guarded(Box::new(PhraseQuery::new(
                tokens
                    .iter()
                    .map(|t| Term::from_field_text(field, t))
                    .collect(),
            ))))
        };
        clauses.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// A run of CJK characters: one character is its unigram; two or more are the phrase of their
/// overlapping bigrams (so `熱中症` needs `熱中` then `中症`, and a text with only `熱` does not
/// match).
pub(in crate::index) fn cjk_clause(fields: &[(Field, f32)], run: &[char]) -> Box<dyn Query> {
    let grams: Vec<String> = if run.len() == 1 {
        vec![run[0].to_string()]
    } else {
        run.windows(2).map(|w| w.iter().collect()).collect()
    };
    text_clause(fields, &grams)
}

/// `country:dk`, `country:Denmark`, `country:デンマーク`: a country facet term.
fn country_query(fields: &Fields, text: &str) -> Box<dyn Query> {
    let t = text.trim();
    let code = COUNTRIES
        .iter()
        .find(|(code, en, ja)| {
            code.eq_ignore_ascii_case(t) || en.eq_ignore_ascii_case(t) || *ja == t
        })
        .map(|(code, _, _)| code.to_string())
        .or_else(|| {
            (t.len() == 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
                .then(|| t.to_ascii_uppercase())
        });
    match code {
        Some(code) => Box::new(TermQuery::new(
            Term::from_facet(fields.country, &Facet::from_path([code.as_str()])),
            IndexRecordOption::Basic,
        )),
        None => Box::new(EmptyQuery),
    }
}
