//! What a query means beyond its letters: synonyms and variants (`cases/synonyms.yaml`), the
//! words a Japanese compound is made of, and the programmes a query names. Built once when the
//! library's synonyms or taxonomy change, read by every search.

use super::tokenizer::{self, cjk_runs};
use crate::synonyms::{Kind, Synonyms};
use crate::taxonomy::Taxonomy;
use std::collections::{HashMap, HashSet};

/// Most other forms one query term expands to (an entry has at most
/// [`crate::synonyms::MAX_FORMS`]; a term in several entries is bounded here).
pub const MAX_EXPANSIONS: usize = 16;

/// Particles and endings that join the words of a Japanese phrase typed without spaces
/// (`市民出資の太陽光`); they are not searched for when the phrase is split into its words.
const PARTICLES: [&str; 14] = [
    "の", "を", "に", "で", "は", "が", "と", "へ", "も", "や", "から", "まで", "より", "など",
];

/// The query-time vocabulary of a library.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    /// Forms of every entry: (kind, display form, key).
    entries: Vec<(Kind, Vec<(String, String)>)>,
    /// Entries each key belongs to.
    by_key: HashMap<String, Vec<usize>>,
    /// Known Japanese words (folded), for splitting compounds.
    lexicon: HashSet<String>,
    /// Longest lexicon word, in characters.
    longest: usize,
    /// Programme id of each key that names a programme.
    programmes: HashMap<String, String>,
    /// Taxonomy values prepared for suggestions.
    pub(super) labels: Vec<super::suggest::LabelEntry>,
}

/// One other form of a query term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    /// The form as the synonyms file writes it.
    pub form: String,
    /// Equivalent (full weight) or related (lower weight).
    pub kind: Kind,
}

impl Vocabulary {
    /// The vocabulary of a synonyms file and a taxonomy.
    pub fn new(synonyms: &Synonyms, taxonomy: &Taxonomy) -> Vocabulary {
        let mut v = Vocabulary::default();
        let add_word = |v: &mut Vocabulary, text: &str| {
            for run in cjk_runs(text) {
                // A middle dot separates words (`市民出資・地域金融`).
                for word in run.split(|c| *c == '・') {
                    if word.len() >= 2 {
                        v.longest = v.longest.max(word.len());
                        v.lexicon.insert(word.iter().collect());
                    }
                }
            }
        };
        for entry in &synonyms.entries {
            let forms: Vec<(String, String)> = entry
                .forms
                .iter()
                .map(|f| (f.clone(), tokenizer::query_key(f)))
                .filter(|(_, k)| !k.is_empty())
                .collect();
            let n = v.entries.len();
            for (form, key) in &forms {
                let list = v.by_key.entry(key.clone()).or_default();
                if !list.contains(&n) {
                    list.push(n);
                }
                add_word(&mut v, form);
            }
            v.entries.push((entry.kind, forms));
        }
        for facet in taxonomy.facets.values() {
            for value in &facet.values {
                add_word(&mut v, &value.ja);
            }
        }
        v.labels = super::suggest::label_entries(taxonomy);
        if let Some(programmes) = taxonomy.facets.get("programme") {
            for value in &programmes.values {
                let without_note =
                    |label: &str| label.split(['(', '（']).next().unwrap_or(label).to_string();
                let leaf = value.id.rsplit('/').next().unwrap_or(&value.id);
                for name in [
                    value.en.clone(),
                    value.ja.clone(),
                    without_note(&value.en),
                    without_note(&value.ja),
                    value.id.replace(['-', '/'], " "),
                    leaf.replace('-', " "),
                ] {
                    let key = tokenizer::query_key(&name);
                    if !key.is_empty() {
                        // Parents come before their children: a name keeps its first value.
                        v.programmes.entry(key).or_insert_with(|| value.id.clone());
                    }
                }
            }
        }
        v
    }

    /// The other forms of a query term (by its [`tokenizer::query_key`]), equivalent ones
    /// first, at most [`MAX_EXPANSIONS`].
    pub fn expansions(&self, key: &str) -> Vec<Expansion> {
        let mut out: Vec<Expansion> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::from([key]);
        let Some(list) = self.by_key.get(key) else {
            return out;
        };
        let mut entries: Vec<&(Kind, Vec<(String, String)>)> =
            list.iter().filter_map(|&i| self.entries.get(i)).collect();
        entries.sort_by_key(|(kind, _)| *kind);
        for (kind, forms) in entries {
            for (form, k) in forms {
                if out.len() >= MAX_EXPANSIONS {
                    return out;
                }
                if seen.insert(k.as_str()) {
                    out.push(Expansion {
                        form: form.clone(),
                        kind: *kind,
                    });
                }
            }
        }
        out
    }

    /// The programme a whole query names (`Decarbonization Leading Area`, `脱炭素先行地域`,
    /// `EU LIFE`, or an equivalent form of one such as `DLA`).
    pub fn programme(&self, key: &str) -> Option<&str> {
        if let Some(id) = self.programmes.get(key) {
            return Some(id);
        }
        self.expansions(key)
            .iter()
            .filter(|e| e.kind == Kind::Equivalent)
            .find_map(|e| self.programmes.get(&tokenizer::query_key(&e.form)))
            .map(String::as_str)
    }

    /// The words of a run of CJK characters typed without spaces, each with its offset in the
    /// run: known words first (longest match from the left, from the synonyms and the
    /// taxonomy's Japanese labels), the rest split where the script changes (kanji, katakana,
    /// hiragana), particles dropped, and kanji runs of four or more in two-character words
    /// (most kanji compounds are built of them). A run that is itself a known word, or that
    /// has no parts, is one part.
    pub fn segment(&self, run: &[char]) -> Vec<(usize, Vec<char>)> {
        let whole = || vec![(0, run.to_vec())];
        if run.len() < 3 || self.lexicon.contains(&run.iter().collect::<String>()) {
            return whole();
        }
        let mut parts: Vec<(usize, Vec<char>)> = Vec::new();
        let mut pending_from = 0;
        let mut i = 0;
        while i < run.len() {
            let max = self.longest.min(run.len() - i);
            let known = (2..=max).rev().find(|&n| {
                self.lexicon
                    .contains(&run[i..i + n].iter().collect::<String>())
            });
            match known {
                Some(n) => {
                    split_unknown(&run[pending_from..i], pending_from, &mut parts);
                    parts.push((i, run[i..i + n].to_vec()));
                    i += n;
                    pending_from = i;
                }
                None => i += 1,
            }
        }
        split_unknown(&run[pending_from..], pending_from, &mut parts);
        if parts.len() < 2 {
            return whole();
        }
        parts
    }
}

/// The script class of a character for splitting: 0 kanji, 1 katakana, 2 hiragana, 3 other.
fn script(c: char) -> u8 {
    match c as u32 {
        0x3005..=0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => 0,
        0x30A0..=0x30FF | 0x31F0..=0x31FF => 1,
        0x3040..=0x309F => 2,
        _ => 3,
    }
}

/// Splits a stretch with no known word where the script changes; see [`Vocabulary::segment`].
fn split_unknown(chars: &[char], offset: usize, out: &mut Vec<(usize, Vec<char>)>) {
    let mut start = 0;
    while start < chars.len() {
        let class = script(chars[start]);
        let mut end = start + 1;
        while end < chars.len() && script(chars[end]) == class {
            end += 1;
        }
        let piece = &chars[start..end];
        let text: String = piece.iter().collect();
        let particle = class == 2 && (piece.len() == 1 || PARTICLES.contains(&text.as_str()));
        if class == 0 && piece.len() >= 4 {
            let mut k = 0;
            while k < piece.len() {
                // An odd length ends with a three-character word.
                let n = if piece.len() - k == 3 { 3 } else { 2 };
                out.push((offset + start + k, piece[k..k + n].to_vec()));
                k += n;
            }
        } else if !particle && piece.iter().any(|c| *c != '・') {
            out.push((offset + start, piece.to_vec()));
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        let (syn, d) = crate::synonyms::parse(
            "equivalent:\n  再エネ: [再生可能エネルギー]\n  DLA: [Decarbonization Leading Area]\n  市民出資: [citizen funding]\nrelated:\n  脱炭素: [カーボンニュートラル, ゼロカーボン]\n  再エネ: [グリーン電力]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let (tax, _) = crate::taxonomy::parse(
            "hazard: []\nsector: []\nmeasure:\n  - { id: solar, en: Solar power, ja: 太陽光発電 }\nregion: []\nprogramme:\n  - { id: jp-dla, en: Decarbonization Leading Area (Japan), ja: 脱炭素先行地域 }\n  - { id: jp-dla/round-1, en: Round 1, ja: 第1回 }\n",
        );
        Vocabulary::new(&syn, &tax.expect("taxonomy"))
    }

    fn parts(v: &Vocabulary, text: &str) -> Vec<String> {
        let run: Vec<char> = cjk_runs(text).concat();
        v.segment(&run)
            .into_iter()
            .map(|(_, p)| p.into_iter().collect())
            .collect()
    }

    #[test]
    fn expansions_are_symmetric_bounded_and_equivalent_first() {
        let v = vocab();
        let forms = |k: &str| -> Vec<(String, Kind)> {
            v.expansions(k)
                .into_iter()
                .map(|e| (e.form, e.kind))
                .collect()
        };
        assert_eq!(
            forms("再エネ"),
            vec![
                ("再生可能エネルギー".to_string(), Kind::Equivalent),
                ("グリーン電力".to_string(), Kind::Related)
            ]
        );
        // The long-vowel mark is folded in keys as in the index.
        assert_eq!(
            forms(&tokenizer::query_key("再生可能エネルギー"))[0].0,
            "再エネ"
        );
        assert_eq!(forms("カーボンニュートラル").len(), 2);
        assert!(forms("unknown").is_empty());
    }

    #[test]
    fn programmes_are_named_by_label_id_or_equivalent() {
        let v = vocab();
        assert_eq!(v.programme("decarbonization leading area"), Some("jp-dla"));
        assert_eq!(v.programme("脱炭素先行地域"), Some("jp-dla"));
        assert_eq!(v.programme("dla"), Some("jp-dla"));
        assert_eq!(v.programme("solar power"), None);
    }

    #[test]
    fn compounds_split_into_known_words_scripts_and_kanji_pairs() {
        let v = vocab();
        assert_eq!(
            parts(&v, "木質バイオマス発電"),
            vec!["木質", "バイオマス", "発電"]
        );
        assert_eq!(
            parts(&v, "市民出資の太陽光発電"),
            vec!["市民出資", "太陽光発電"]
        );
        assert_eq!(parts(&v, "再エネ導入"), vec!["再エネ", "導入"]);
        assert_eq!(parts(&v, "洋上風力発電"), vec!["洋上", "風力", "発電"]);
        assert_eq!(parts(&v, "森林資源活用"), vec!["森林", "資源", "活用"]);
        // A known word, a short run and a single script stay whole.
        assert_eq!(parts(&v, "脱炭素先行地域"), vec!["脱炭素先行地域"]);
        assert_eq!(parts(&v, "熱中症"), vec!["熱中症"]);
        assert_eq!(parts(&v, "ヒートアイランド"), vec!["ヒートアイランド"]);
        // Offsets point into the run.
        let run: Vec<char> = "木質バイオマス発電".chars().collect();
        let offsets: Vec<usize> = v.segment(&run).iter().map(|(o, _)| *o).collect();
        assert_eq!(offsets, vec![0, 2, 7]);
    }
}
