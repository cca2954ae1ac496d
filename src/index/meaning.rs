//! The parts of a query's translation that go beyond its letters (see [`super::expand`]):
//! synonyms and variants, Japanese compounds matched as their words, and the cities and
//! programmes a whole query names.

use super::expand::Expansion;
use super::guard::Guarded;
use super::query::{Builder, Item, Parsed, Scope, cjk_clause};
use super::tokenizer;
use crate::synonyms::Kind;
use std::collections::HashMap;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption};

/// Score added to the cases of the city a whole query names (below an exact title).
const CITY_SCORE: f32 = 5_000.0;
/// Score added to the cases of the programme a whole query names.
const PROGRAMME_SCORE: f32 = 5_000.0;
/// Weight of a related form of a query term, relative to the term as typed.
const RELATED_WEIGHT: f32 = 0.4;
/// The longest run of query words looked up as one synonym (`electric vehicle`).
const MAX_SYNONYM_WORDS: usize = 4;
/// How far apart (in characters) the words of a Japanese compound may stand for its
/// proximity boost.
const CJK_PROXIMITY_SLOP: u32 = 8;
/// Weight of that boost.
const CJK_PROXIMITY_BOOST: f32 = 1.0;
/// Weight of the exact compound over its words found apart.
const COMPOUND_EXACT_BOOST: f32 = 2.0;
/// Score added to a case that has the exact compound, so it ranks above every case that has
/// only its words apart (below a city, a programme or an exact title).
const COMPOUND_EXACT_SCORE: f32 = 1_000.0;

impl Builder<'_> {
    /// Runs of positive, unscoped items (up to [`MAX_SYNONYM_WORDS`], longest first, left to
    /// right) that the synonyms know, by their first item: (length, other forms).
    pub(super) fn synonym_groups(
        &self,
        parsed: &Parsed,
    ) -> HashMap<usize, (usize, Vec<Expansion>)> {
        let items = &parsed.items;
        let plain =
            |i: &Item| !i.negated && i.scope == Scope::Any && (!i.phrase || items.len() == 1);
        let mut out = HashMap::new();
        let mut i = 0;
        while i < items.len() {
            let mut found = None;
            for len in (1..=MAX_SYNONYM_WORDS.min(items.len() - i)).rev() {
                let run = &items[i..i + len];
                let joined_by_or = run.iter().skip(1).any(|x| x.or_prev)
                    || items.get(i + len).is_some_and(|x| x.or_prev)
                    || run[0].or_prev;
                if joined_by_or || !run.iter().all(plain) {
                    continue;
                }
                let text: Vec<&str> = run.iter().map(|x| x.text.as_str()).collect();
                let expansions = self
                    .vocab
                    .expansions(&tokenizer::query_key(&text.join(" ")));
                if !expansions.is_empty() {
                    found = Some((len, expansions));
                    break;
                }
            }
            match found {
                Some((len, expansions)) => {
                    out.insert(i, (len, expansions));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The items as typed OR any of their other forms (related forms at a lower weight).
    pub(super) fn expanded(
        &mut self,
        items: &[Item],
        expansions: &[Expansion],
    ) -> tantivy::Result<Box<dyn Query>> {
        let mut typed: Vec<Box<dyn Query>> = Vec::new();
        for item in items {
            if let Some(q) = self.item_query(item)? {
                typed.push(q);
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        match typed.len() {
            0 => {}
            1 => clauses.extend(typed.pop().map(|q| (Occur::Should, q))),
            _ => clauses.push((Occur::Should, Box::new(BooleanQuery::intersection(typed)))),
        }
        for e in expansions {
            let words = tokenizer::tokens(&mut self.words, &e.form).len();
            let item = Item {
                text: e.form.clone(),
                phrase: words > 1,
                negated: false,
                scope: Scope::Any,
                prefix: false,
                or_prev: false,
            };
            if let Some(q) = self.item_query(&item)? {
                let weight = if e.kind == Kind::Equivalent {
                    1.0
                } else {
                    RELATED_WEIGHT
                };
                clauses.push((Occur::Should, Box::new(BoostQuery::new(q, weight))));
            }
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// A boost for the cases of the city or programme that the whole query names
    /// (`Yokohama`, `横浜`, `Decarbonization Leading Area`, `DLA`).
    pub(super) fn named(&self, parsed: &Parsed) -> Option<Box<dyn Query>> {
        if parsed
            .items
            .iter()
            .any(|i| i.negated || i.scope != Scope::Any || i.or_prev)
        {
            return None;
        }
        let text: Vec<&str> = parsed.items.iter().map(|i| i.text.as_str()).collect();
        let key = tokenizer::query_key(&text.join(" "));
        if key.is_empty() {
            return None;
        }
        let city = TermQuery::new(
            Term::from_field_text(self.fields.city_key, &key),
            IndexRecordOption::Basic,
        );
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Should,
            Box::new(ConstScoreQuery::new(Box::new(city), CITY_SCORE)),
        )];
        if let Some(id) = self.vocab.programme(&key) {
            let parts: Vec<&str> = id.split('/').collect();
            let programme = TermQuery::new(
                Term::from_facet(self.fields.programme, &Facet::from_path(parts)),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(Box::new(programme), PROGRAMME_SCORE)),
            ));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// A run of CJK characters: the run as typed (the phrase of its bigrams) and, when it is a
    /// compound of several words ([`Vocabulary::segment`]), the cases that contain every word,
    /// ranked by how close the words stand, the exact compound first.
    pub(super) fn cjk_query(&self, fields: &[(Field, f32)], run: &[char]) -> Box<dyn Query> {
        let exact = cjk_clause(fields, run);
        let parts = self.vocab.segment(run);
        if parts.len() < 2 {
            return exact;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = parts
            .iter()
            .map(|(_, part)| (Occur::Must, cjk_clause(fields, part)))
            .collect();
        clauses.push((
            Occur::Should,
            Box::new(ConstScoreQuery::new(
                exact.box_clone(),
                COMPOUND_EXACT_SCORE,
            )),
        ));
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(exact, COMPOUND_EXACT_BOOST)),
        ));
        let grams: Vec<(usize, String)> = parts
            .iter()
            .flat_map(|(offset, part)| {
                if part.len() == 1 {
                    vec![(*offset, part[0].to_string())]
                } else {
                    part.windows(2)
                        .enumerate()
                        .map(|(j, w)| (offset + j, w.iter().collect()))
                        .collect()
                }
            })
            .collect();
        if grams.len() >= 2 {
            for &(field, boost) in fields {
                let terms = grams
                    .iter()
                    .map(|(o, g)| (*o, Term::from_field_text(field, g)))
                    .collect();
                let near = PhraseQuery::new_with_offset_and_slop(terms, CJK_PROXIMITY_SLOP);
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        Box::new(Guarded(Box::new(near))),
                        boost * CJK_PROXIMITY_BOOST,
                    )),
                ));
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }
}
