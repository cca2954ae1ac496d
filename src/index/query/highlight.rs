//! What the snippets of the results mark for a query.

use super::parse::{Parsed, Scope};
use crate::index::expand::Vocabulary;
use crate::index::tokenizer::{self, cjk_runs};

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
