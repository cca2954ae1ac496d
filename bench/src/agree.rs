//! Which queries both engines must answer with the same total.
//!
//! The core stems English words (Snowball, through tantivy) and matches the last word also as a
//! prefix of the unstemmed words; the FTS5 baseline uses `unicode61` without stemming and
//! `word*` for the last word. The answers are the same exactly when stemming cannot matter:
//! a stemmed word (every word but the last, phrase words, excluded words) must be the only word
//! of the corpus vocabulary with its stem, and for the last word every corpus word sharing its
//! stem must start with it (then the stem match adds nothing to the prefix match). Queries that
//! fail this are reported as "not compared" with the reason; everything else must agree.
//!
//! The corpus vocabulary is known: the generator's word lists (checked here) plus pseudo-words,
//! which are built so a stemmer leaves them alone (checked per query).

use crate::queries::{Kind, Query};
use crate::vocab::{self, EU_CITIES, JP_CITIES, THEMES, is_cjk};
use std::collections::{HashMap, HashSet};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer,
};

/// Whether a query's totals are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Both engines must give the same total.
    Compare,
    /// Left out, for this reason.
    Excluded(&'static str),
}

/// Classifies queries (holds the stemmer and the vocabulary by stem).
pub struct Classifier {
    stemmer: std::cell::RefCell<TextAnalyzer>,
    by_stem: HashMap<String, HashSet<String>>,
    /// How the core splits Japanese compounds (the baseline matches a run only as a whole).
    vocab: casebook::index::Vocabulary,
}

fn latin_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() || is_cjk(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// Every English word the generator writes, apart from pseudo-words and numbers.
fn static_vocabulary() -> HashSet<String> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(vocab::FUNCTION_WORDS);
    texts.extend(vocab::GENERAL_WORDS);
    for t in THEMES {
        texts.extend(t.terms);
        texts.extend(t.title_nouns);
        texts.extend(t.metrics.iter().map(|m| m.0));
        texts.extend(t.metrics.iter().map(|m| m.1));
    }
    texts.extend(vocab::SECTIONS.iter().map(|s| s.0));
    for c in EU_CITIES.iter().chain(JP_CITIES) {
        texts.push(c.0);
    }
    // Fixed words of the file templates (table header, link text, titles, the bench's edits).
    texts.extend([
        "Metric Value Year See in and Revised after review",
        "l day km ha m3 C kg yr t CO2 MW EUR",
    ]);
    let mut words: HashSet<String> = texts.iter().flat_map(|t| latin_words(t)).collect();
    // Both engines also index the English labels of each case's taxonomy values.
    let taxonomy = taxonomy();
    for facet in taxonomy.facets.values() {
        for v in &facet.values {
            words.extend(latin_words(&v.en));
        }
    }
    words
}

/// The repository's taxonomy (the corpus copies it).
fn taxonomy() -> casebook::Taxonomy {
    std::fs::read_to_string(crate::taxo::default_path())
        .ok()
        .and_then(|t| casebook::taxonomy::parse(&t).0)
        .unwrap_or_default()
}

impl Classifier {
    /// A classifier with the core's English stemmer.
    pub fn new() -> Classifier {
        let mut stemmer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut by_stem: HashMap<String, HashSet<String>> = HashMap::new();
        for w in static_vocabulary() {
            let s = stem_with(&mut stemmer, &w);
            by_stem.entry(s).or_default().insert(w);
        }
        Classifier {
            stemmer: std::cell::RefCell::new(stemmer),
            by_stem,
            vocab: casebook::index::Vocabulary::new(
                &casebook::synonyms::Synonyms::default(),
                &taxonomy(),
            ),
        }
    }

    fn stem(&self, word: &str) -> String {
        stem_with(&mut self.stemmer.borrow_mut(), word)
    }

    /// Corpus words sharing the stem of `word` (a pseudo-word only has itself).
    fn family(&self, word: &str) -> HashSet<String> {
        let s = self.stem(word);
        let mut f = self.by_stem.get(&s).cloned().unwrap_or_default();
        f.insert(word.to_string());
        f
    }

    /// Whether a stemmed match of `word` equals an exact match.
    fn stem_unique(&self, word: &str) -> bool {
        word.chars().all(|c| c.is_ascii_digit()) || self.family(word).len() == 1
    }

    /// Whether stem-or-prefix matching of `word` equals prefix matching.
    fn prefix_safe(&self, word: &str) -> bool {
        self.family(word).iter().all(|v| v.starts_with(word))
    }

    /// Decides whether `q`'s totals are compared.
    pub fn verdict(&self, q: &Query) -> Verdict {
        if q.kind == Kind::Japanese {
            // Both engines search a CJK run as the phrase of its bigrams.
            let compound = q.query.split_whitespace().any(|w| {
                let run: Vec<char> = w.chars().collect();
                self.vocab.segment(&run).len() > 1
            });
            return if q.query.split_whitespace().any(|w| w.chars().count() < 2) {
                Verdict::Excluded("single CJK character")
            } else if compound {
                // The core also finds the compound's words standing apart.
                Verdict::Excluded("Japanese compound of several words")
            } else {
                Verdict::Compare
            };
        }
        let mut rest = q.query.trim();
        let mut items: Vec<(bool, bool, String)> = Vec::new(); // (negated, phrase, text)
        while !rest.is_empty() {
            let negated = rest.starts_with('-');
            let body = if negated { &rest[1..] } else { rest };
            if let Some(inner) = body.strip_prefix('"') {
                let end = inner.find('"').unwrap_or(inner.len());
                items.push((negated, true, inner[..end].to_string()));
                rest = inner.get(end + 1..).unwrap_or("").trim_start();
            } else {
                let end = body.find(char::is_whitespace).unwrap_or(body.len());
                items.push((negated, false, body[..end].to_string()));
                rest = body[end..].trim_start();
            }
        }
        let last = items.iter().rposition(|i| !i.0 && !i.1);
        let last_positive = items.iter().rposition(|i| !i.0);
        for (k, (negated, phrase, text)) in items.iter().enumerate() {
            let words: Vec<String> = latin_words(text).collect();
            let is_prefix = !negated && !phrase && Some(k) == last && last == last_positive;
            for w in &words {
                let ok = if is_prefix && words.len() == 1 {
                    self.prefix_safe(w)
                } else {
                    self.stem_unique(w)
                };
                if !ok {
                    return Verdict::Excluded(if is_prefix {
                        "last word has stem relatives that do not start with it"
                    } else if *phrase {
                        "phrase word has stem relatives"
                    } else {
                        "word has stem relatives"
                    });
                }
            }
        }
        Verdict::Compare
    }
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier::new()
    }
}

fn stem_with(analyzer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = analyzer.token_stream(word);
    let mut out = String::new();
    while stream.advance() {
        out.push_str(&stream.token().text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn q(kind: Kind, text: &str) -> Query {
        Query {
            kind,
            query: text.into(),
            filters: BTreeMap::new(),
            from: None,
            to: None,
        }
    }

    #[test]
    fn stemming_decides_what_is_compared() {
        let c = Classifier::new();
        // `buildings` and `building`? Only `buildings` is in the vocabulary, but `roof` and
        // `roofs` both are: a stemmed `roofs` also finds `roof`.
        assert_eq!(
            c.verdict(&q(Kind::Word2, "roofs cloudburst")),
            Verdict::Excluded("word has stem relatives")
        );
        // As the last word, `roof` is a prefix of `roofs`: stem and prefix agree.
        assert_eq!(c.verdict(&q(Kind::Word1, "roof")), Verdict::Compare);
        // As the last word, `roofs` misses `roof` by prefix but the stem finds it.
        assert!(matches!(
            c.verdict(&q(Kind::Word1, "roofs")),
            Verdict::Excluded(_)
        ));
        assert_eq!(c.verdict(&q(Kind::Prefix, "re")), Verdict::Compare);
        assert_eq!(c.verdict(&q(Kind::Japanese, "熱中症")), Verdict::Compare);
        assert_eq!(c.verdict(&q(Kind::Browse, "")), Verdict::Compare);
        // Pseudo-words are stem-stable.
        let tail = vocab::tail_word(12345);
        assert_eq!(
            c.verdict(&q(Kind::Word2, &format!("{tail} cloudburst"))),
            Verdict::Compare
        );
    }
}
