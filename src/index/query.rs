//! The query language of the search box (DESIGN §5), parsed leniently, and its translation into
//! tantivy queries.
//!
//! Syntax: words (ANDed); `"quoted phrases"` (also `“…”` and `「…」`); `-word` / `NOT word`
//! excludes; `a OR b`; `title:x`, `city:x`, `country:xx` (also with a phrase); a trailing `*`
//! marks a prefix. The last word is a prefix too unless the query ends with a space (the user
//! has finished it). Anything else — stray quotes, colons, dashes, brackets, operators, emoji —
//! is treated as text, and text without a word character is ignored, so parsing never fails.

use super::expand::Vocabulary;
use super::guard::Guarded;
use super::schema::{Fields, SHORT_PREFIX_MAX};
use super::tokenizer::{self, cjk_runs};
use crate::search::COUNTRIES;
use std::collections::HashMap;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery,
    InvertedIndexRangeQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// Which fields an item searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// All text fields.
    Any,
    /// `title:`
    Title,
    /// `city:`
    City,
    /// `country:` (a facet value, not text).
    Country,
}

/// One parsed element of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The text of the word or phrase (without quotes or syntax).
    pub text: String,
    /// Quoted phrase rather than a word.
    pub phrase: bool,
    /// `-x` or `NOT x`.
    pub negated: bool,
    /// `field:` scope.
    pub scope: Scope,
    /// Also matches words starting with `text`.
    pub prefix: bool,
    /// Joined to the previous item by `OR`.
    pub or_prev: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The items, in order.
    pub items: Vec<Item>,
}

fn is_open_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

/// Parses what the user typed. Never fails.
pub fn parse(input: &str) -> Parsed {
    let chars: Vec<char> = input.chars().collect();
    let mut items: Vec<Item> = Vec::new();
    let mut i = 0;
    let mut pending_or = false;
    let mut pending_not = false;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = pending_not;
        pending_not = false;
        if matches!(chars[i], '-' | '−' | '－')
            && chars.get(i + 1).is_some_and(|c| !c.is_whitespace())
        {
            negated = true;
            i += 1;
        }
        // `field:` (only the known fields; anything else stays text).
        let mut scope = Scope::Any;
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j > i && chars.get(j) == Some(&':') {
            let name: String = chars[i..j].iter().collect::<String>().to_ascii_lowercase();
            let known = match name.as_str() {
                "title" => Some(Scope::Title),
                "city" => Some(Scope::City),
                "country" => Some(Scope::Country),
                _ => None,
            };
            if let Some(s) = known {
                scope = s;
                i = j + 1;
            }
        }
        let (text, phrase) = match chars.get(i).copied().and_then(is_open_quote) {
            Some(close) => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != close {
                    end += 1;
                }
                i = end + 1;
                (chars[start..end.min(chars.len())].iter().collect(), true)
            }
            None => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                (chars[start..i].iter().collect::<String>(), false)
            }
        };
        if !phrase && !negated && scope == Scope::Any {
            match text.as_str() {
                "AND" | "&&" => continue,
                "OR" | "||" => {
                    pending_or = !items.is_empty();
                    continue;
                }
                "NOT" => {
                    pending_not = true;
                    continue;
                }
                _ => {}
            }
        }
        let (text, star) = match text.strip_suffix('*') {
            Some(t) if !phrase => (t.trim_end_matches('*').to_string(), true),
            _ => (text, false),
        };
        if text.trim().is_empty() {
            continue;
        }
        items.push(Item {
            text,
            phrase,
            negated,
            scope,
            prefix: star && !negated,
            or_prev: pending_or && !negated,
        });
        pending_or = false;
    }
    // The last word is still being typed.
    let typing = !input.ends_with(char::is_whitespace);
    if typing
        && let Some(last) = items.last_mut()
        && !last.phrase
        && !last.negated
        && last.scope == Scope::Any
    {
        last.prefix = true;
    }
    Parsed { items }
}

impl Parsed {
    /// The query as text again (used for "Showing results for …").
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (k, item) in self.items.iter().enumerate() {
            if k > 0 {
                out.push(' ');
                if item.or_prev {
                    out.push_str("OR ");
                }
            }
            if item.negated {
                out.push('-');
            }
            match item.scope {
                Scope::Any => {}
                Scope::Title => out.push_str("title:"),
                Scope::City => out.push_str("city:"),
                Scope::Country => out.push_str("country:"),
            }
            if item.phrase {
                out.push('"');
                out.push_str(&item.text);
                out.push('"');
            } else {
                out.push_str(&item.text);
            }
        }
        out
    }

    /// Whether any item is a positive (scoring) one.
    pub fn has_positive(&self) -> bool {
        self.items.iter().any(|i| !i.negated)
    }
}

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
    pub(super) en: TextAnalyzer,
    pub(super) words: TextAnalyzer,
}

/// How many prefix expansions are also scored (BM25 with field boosts). Matching uses all of
/// them; this only bounds the scoring work.
const SCORED_EXPANSIONS: usize = 24;
/// Constant score of a document matched by a prefix only through the unscored expansion.
const PREFIX_FLOOR: f32 = 0.05;
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
    /// A builder over `searcher`.
    pub fn new(fields: &'a Fields, searcher: &'a Searcher, vocab: &'a Vocabulary) -> Self {
        Builder {
            fields,
            searcher,
            vocab,
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
        for (field, boost, slop) in near {
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

    pub(super) fn item_query(&mut self, item: &Item) -> tantivy::Result<Option<Box<dyn Query>>> {
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

    /// The word as typed OR any word starting with it: complete (a term range over the
    /// `words` dictionary, every expansion) and ranked (the most frequent expansions scored
    /// with field boosts, below an exact match).
    fn prefix_clause(
        &mut self,
        exact: Box<dyn Query>,
        prefix: &str,
        en_fields: &[(Field, f32)],
    ) -> tantivy::Result<Box<dyn Query>> {
        let words = self.fields.words;
        let all_expansions: Box<dyn Query> = if prefix.chars().count() <= SHORT_PREFIX_MAX {
            Box::new(TermQuery::new(
                Term::from_field_text(self.fields.word_prefix, prefix),
                IndexRecordOption::Basic,
            ))
        } else {
            let lower = Term::from_field_text(words, prefix);
            let upper = Term::from_field_text(words, &format!("{prefix}\u{10FFFF}"));
            Box::new(InvertedIndexRangeQuery::new(
                Bound::Included(lower),
                Bound::Excluded(upper),
            ))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, exact),
            (
                Occur::Should,
                Box::new(ConstScoreQuery::new(all_expansions, PREFIX_FLOOR)),
            ),
        ];
        // A one- or two-letter prefix matches nearly everything; ranking by its most frequent
        // expansions says little and scoring many of them is the main cost of the query.
        let scored_max = if prefix.chars().count() <= 2 {
            SCORED_EXPANSIONS / 4
        } else {
            SCORED_EXPANSIONS
        };
        let expansions = expand_prefix(self.searcher, words, prefix, scored_max)?;
        let mut stems: Vec<String> = Vec::new();
        for word in expansions {
            for t in tokenizer::tokens(&mut self.en, &word) {
                if !stems.contains(&t.text) {
                    stems.push(t.text);
                }
            }
        }
        if !stems.is_empty() {
            let mut scored: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for stem in &stems {
                // Concept labels match through `words` (above) but are not scored per
                // expansion: they would add a posting list to every expansion of every prefix.
                for &(field, boost) in en_fields.iter().filter(|(f, _)| *f != self.fields.concepts)
                {
                    let q = TermQuery::new(
                        Term::from_field_text(field, stem),
                        IndexRecordOption::WithFreqs,
                    );
                    scored.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
                }
            }
            // Below an exact match of the same weight.
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(BooleanQuery::new(scored)), 0.5)),
            ));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
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
pub(super) fn text_clause(fields: &[(Field, f32)], tokens: &[String]) -> Box<dyn Query> {
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
pub(super) fn cjk_clause(fields: &[(Field, f32)], run: &[char]) -> Box<dyn Query> {
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

/// Up to `max` words of `field` starting with `prefix`, most frequent first.
pub fn expand_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
    max: usize,
) -> tantivy::Result<Vec<String>> {
    let upper = format!("{prefix}\u{10FFFF}");
    let mut freq: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(upper.as_bytes())
            .into_stream()?;
        while stream.advance() {
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                *freq.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut words: Vec<(String, u64)> = freq.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(max);
    Ok(words.into_iter().map(|(w, _)| w).collect())
}

/// Document frequency of `word` in `field` over all segments.
fn doc_freq(searcher: &Searcher, field: Field, word: &str) -> tantivy::Result<u64> {
    searcher.doc_freq(&Term::from_field_text(field, word))
}

/// Typo tolerance: each positive word of 5+ letters (9+: two edits) that is not in the
/// dictionary is replaced by the closest dictionary word (fewest edits, then most frequent,
/// then alphabetical). Returns the corrected query, or `None` when nothing was corrected.
pub fn correct(
    parsed: &Parsed,
    fields: &Fields,
    searcher: &Searcher,
) -> tantivy::Result<Option<Parsed>> {
    let mut words_analyzer = tokenizer::words_analyzer();
    let mut fixed = parsed.clone();
    let mut changed = false;
    for item in fixed.items.iter_mut() {
        if item.negated || item.phrase || item.scope == Scope::Country {
            continue;
        }
        if !cjk_runs(&item.text).is_empty() {
            continue;
        }
        let toks = tokenizer::tokens(&mut words_analyzer, &item.text);
        let [tok] = toks.as_slice() else {
            continue;
        };
        let word = tok.text.as_str();
        let letters = word.chars().count();
        let distance: u8 = match letters {
            0..=4 => continue,
            5..=8 => 1,
            _ => 2,
        };
        if doc_freq(searcher, fields.words, word)? > 0 {
            continue;
        }
        let fuzzy = FuzzyTermQuery::new(Term::from_field_text(fields.words, word), distance, true);
        let automaton = fuzzy.automaton()?;
        let mut candidates: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(fields.words)?;
            let mut stream = inverted.terms().search(&automaton).into_stream()?;
            while stream.advance() {
                if let Ok(w) = std::str::from_utf8(stream.key()) {
                    *candidates.entry(w.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        let best = candidates
            .into_iter()
            .map(|(w, df)| (strsim::osa_distance(word, &w), std::cmp::Reverse(df), w))
            .min();
        if let Some((_, _, w)) = best {
            item.text = w;
            changed = true;
        }
    }
    Ok(changed.then_some(fixed))
}

/// The terms snippets mark for a query: stemmed Latin words, unstemmed prefixes and CJK runs.
#[derive(Debug, Default, Clone)]
pub struct Highlight {
    /// Stemmed Latin tokens of positive items.
    pub stems: Vec<String>,
    /// Unstemmed prefixes of prefix items.
    pub prefixes: Vec<String>,
    /// CJK runs of positive items (folded).
    pub cjk: Vec<Vec<char>>,
}

impl Highlight {
    /// The marks of `parsed` (negated and `country:` items mark nothing), plus the words of
    /// its Japanese compounds and the other forms (`also`) searched for it.
    pub fn of_query(parsed: &Parsed, vocab: &Vocabulary, also: &[String]) -> Highlight {
        let mut h = Highlight::of(parsed);
        let mut en = tokenizer::en_analyzer();
        for run in h.cjk.clone() {
            for (_, part) in vocab.segment(&run) {
                if part.len() > 1 && !h.cjk.contains(&part) {
                    h.cjk.push(part);
                }
            }
        }
        for form in also {
            for t in tokenizer::tokens(&mut en, form) {
                if !h.stems.contains(&t.text) {
                    h.stems.push(t.text);
                }
            }
            h.cjk.extend(cjk_runs(form));
        }
        h
    }

    /// The marks of the words of `parsed` alone (negated and `country:` items mark nothing).
    pub fn of(parsed: &Parsed) -> Highlight {
        let mut en = tokenizer::en_analyzer();
        let mut words = tokenizer::words_analyzer();
        let mut h = Highlight::default();
        for item in parsed
            .items
            .iter()
            .filter(|i| !i.negated && i.scope != Scope::Country)
        {
            for t in tokenizer::tokens(&mut en, &item.text) {
                if !h.stems.contains(&t.text) {
                    h.stems.push(t.text);
                }
            }
            if item.prefix
                && let [one] = tokenizer::tokens(&mut words, &item.text).as_slice()
            {
                h.prefixes.push(one.text.clone());
            }
            h.cjk.extend(cjk_runs(&item.text));
        }
        h
    }

    /// Whether there is nothing to mark.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.prefixes.is_empty() && self.cjk.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &Parsed) -> Vec<(&str, bool, bool, Scope, bool)> {
        p.items
            .iter()
            .map(|i| (i.text.as_str(), i.phrase, i.negated, i.scope, i.prefix))
            .collect()
    }

    #[test]
    fn parses_words_phrases_exclusions_fields_and_prefix() {
        let p = parse(r#"green "cloud burst" -tunnel title:plan country:dk retro"#);
        assert_eq!(
            words(&p),
            vec![
                ("green", false, false, Scope::Any, false),
                ("cloud burst", true, false, Scope::Any, false),
                ("tunnel", false, true, Scope::Any, false),
                ("plan", false, false, Scope::Title, false),
                ("dk", false, false, Scope::Country, false),
                ("retro", false, false, Scope::Any, true),
            ]
        );
        // A finished last word is not a prefix.
        assert!(!parse("retro ").items[0].prefix);
        assert!(parse("retro* plan ").items[0].prefix);
    }

    #[test]
    fn garbage_parses_leniently() {
        for q in [
            "\"",
            "-",
            "title:",
            "((",
            "AND OR",
            "*",
            "🌊",
            ":::",
            "- - -",
            "\"unclosed phrase",
            "NOT",
            "OR x",
        ] {
            let p = parse(q);
            for i in &p.items {
                assert!(!i.text.trim().is_empty(), "{q:?} gave {p:?}");
            }
        }
        assert_eq!(parse("\"unclosed phrase").items[0].text, "unclosed phrase");
        assert_eq!(parse("foo:bar").items[0].text, "foo:bar");
        assert!(parse("a OR b").items[1].or_prev);
        assert!(parse("NOT a").items[0].negated);
    }

    #[test]
    fn render_round_trips() {
        let q = r#"-x title:"a b" OR city:c d"#;
        assert_eq!(parse(q).render(), q);
    }
}
