//! Tokenizers of the index: one for Latin-script words (stemmed and unstemmed variants) and one
//! for CJK text as overlapping character bigrams plus unigrams.
//!
//! tantivy's `default` and `en_stem` tokenizers treat a run of kana/kanji as one "word" (kanji are
//! alphanumeric), which the length filter then drops; so the Latin tokenizer here treats CJK
//! characters as separators, and the CJK tokenizer indexes those runs in fields of their own.
//! Both see text through the same character folding ([`folded_chars`]): full-width ASCII becomes
//! ASCII, half-width katakana becomes full-width (with voiced marks composed), so `ＣＯ２` finds
//! `CO2` and `ｺﾍﾟﾝﾊｰｹﾞﾝ` finds `コペンハーゲン`.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer, TokenizerManager,
};

/// Name of the stemmed English analyzer (title, summary, headings, body, city).
pub const EN: &str = "cb_en";
/// Name of the unstemmed word analyzer (the `words` field: prefixes and spelling).
pub const WORDS: &str = "cb_words";
/// Name of the CJK bigram + unigram analyzer.
pub const CJK: &str = "cb_cjk";

/// Tokens longer than this many bytes are dropped (URLs glued together, base64, ...).
const MAX_TOKEN_BYTES: usize = 40;

/// Registers the analyzers of this module under [`EN`], [`WORDS`] and [`CJK`].
pub fn register(manager: &TokenizerManager) {
    manager.register(EN, en_analyzer());
    manager.register(WORDS, words_analyzer());
    manager.register(CJK, cjk_analyzer());
}

/// Latin words, lower-cased, accent-folded and stemmed (English).
pub fn en_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(LatinTokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Latin words, lower-cased and accent-folded but not stemmed: the words a person typed.
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(LatinTokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// CJK runs as unigrams plus overlapping bigrams.
pub fn cjk_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(CjkTokenizer).build()
}

/// The tokens `analyzer` makes of `text`, in order.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

/// Whether `c` (already folded) is written in a CJK script: Han ideographs, Hiragana, Katakana
/// (with the prolonged sound mark), Hangul, and the iteration marks `々` `〆` `〇`.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007          // 々 〆 〇
        | 0x3040..=0x30FF        // Hiragana, Katakana (incl. ー and voiced marks)
        | 0x31F0..=0x31FF        // Katakana phonetic extensions
        | 0x3400..=0x4DBF        // CJK Extension A
        | 0x4E00..=0x9FFF        // CJK Unified Ideographs
        | 0xF900..=0xFAFF        // CJK Compatibility Ideographs
        | 0x1100..=0x11FF        // Hangul Jamo
        | 0x3130..=0x318F        // Hangul Compatibility Jamo
        | 0xAC00..=0xD7AF        // Hangul Syllables
        | 0x20000..=0x3FFFF      // CJK Extensions B and later
    )
}

/// Full-width katakana for the half-width forms U+FF61..=U+FF9F (punctuation included).
const HALF_WIDTH_KANA: [u16; 63] = [
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3,
    0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF,
    0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,
    0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF,
    0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF,
    0x30F3, 0x309B, 0x309C,
];

/// Folds one character: full-width ASCII to ASCII, the ideographic space to a space,
/// half-width katakana to full-width.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        0xFF61..=0xFF9F => HALF_WIDTH_KANA
            .get((u - 0xFF61) as usize)
            .and_then(|&k| char::from_u32(u32::from(k)))
            .unwrap_or(c),
        _ => c,
    }
}

/// Composes a kana with a following (semi-)voiced sound mark (`ｶ` `ﾞ` → `ガ`), if it has such
/// a form.
fn compose_voiced(base: char, mark: char) -> Option<char> {
    const VOICEABLE: [u32; 20] = [
        0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF,
        0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB,
    ];
    const SEMI_VOICEABLE: [u32; 5] = [0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB];
    let b = base as u32;
    // Work in katakana; hiragana is the same table 0x60 lower.
    let (kata, hira) = match b {
        0x3041..=0x3096 => (b + 0x60, true),
        0x30A1..=0x30F6 => (b, false),
        _ => return None,
    };
    let composed = match mark as u32 {
        0x309B | 0x3099 if VOICEABLE.contains(&kata) => kata + 1,
        0x309B | 0x3099 if kata == 0x30A6 && !hira => 0x30F4,
        0x309C | 0x309A if SEMI_VOICEABLE.contains(&kata) => kata + 2,
        _ => return None,
    };
    char::from_u32(if hira { composed - 0x60 } else { composed })
}

/// One folded character of a text with the byte range it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldedChar {
    /// The folded character.
    pub c: char,
    /// Byte offset of its first source character.
    pub from: usize,
    /// Byte offset just after its last source character.
    pub to: usize,
}

/// The folded characters of `text` ([`fold_char`], voiced marks composed with their kana).
pub fn folded_chars(text: &str) -> Vec<FoldedChar> {
    let mut out: Vec<FoldedChar> = Vec::with_capacity(text.len());
    for (i, raw) in text.char_indices() {
        let c = fold_char(raw);
        let to = i + raw.len_utf8();
        if matches!(c as u32, 0x3099..=0x309C)
            && let Some(prev) = out.last_mut()
            && prev.to == i
            && let Some(composed) = compose_voiced(prev.c, c)
        {
            prev.c = composed;
            prev.to = to;
            continue;
        }
        out.push(FoldedChar { c, from: i, to });
    }
    fold_final_long_vowels(&mut out);
    out
}

/// Whether `c` is a katakana letter (not the long-vowel mark or the middle dot).
fn is_katakana_letter(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA)
}

/// Drops the katakana long-vowel mark `ー` at the end of a katakana word, where writers differ
/// (エネルギー / エネルギ, コンピューター / コンピュータ); the mark is kept inside a word
/// (`ボーナス`). The dropped mark's bytes join the previous character, so highlights still
/// cover the whole word.
fn fold_final_long_vowels(chars: &mut Vec<FoldedChar>) {
    let mut k = 1;
    while k < chars.len() {
        let ends_word = chars
            .get(k + 1)
            .is_none_or(|next| !is_katakana_letter(next.c) && next.c != 'ー');
        if chars[k].c == 'ー' && is_katakana_letter(chars[k - 1].c) && ends_word {
            chars[k - 1].to = chars[k].to;
            chars.remove(k);
        } else {
            k += 1;
        }
    }
}

/// The runs of CJK characters of `text`, folded.
pub fn cjk_runs(text: &str) -> Vec<Vec<char>> {
    let mut runs = Vec::new();
    let mut run = Vec::new();
    for fc in folded_chars(text) {
        if is_cjk(fc.c) {
            run.push(fc.c);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// A normalized form of a title or query for exact-match comparison: folded, lower-cased,
/// punctuation removed, words joined by single spaces (`"Cloudburst  Plan!"` → `cloudburst plan`).
pub fn normalize_title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for fc in folded_chars(text) {
        if fc.c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(fc.c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The whole-query key of a text: its Latin words (lower-cased, accent-folded, unstemmed) and
/// CJK runs, joined by single spaces (`Malmö` → `malmo`, `横浜市` → `横浜市`). A query equal to
/// a city's key names that city.
pub fn query_key(text: &str) -> String {
    let mut words = words_analyzer();
    let mut parts: Vec<String> = Vec::new();
    let mut latin = String::new();
    let flush = |latin: &mut String, parts: &mut Vec<String>, words: &mut TextAnalyzer| {
        parts.extend(tokens(words, latin).into_iter().map(|t| t.text));
        latin.clear();
    };
    for run in split_scripts(text) {
        match run {
            Script::Cjk(run) => {
                flush(&mut latin, &mut parts, &mut words);
                parts.push(run);
            }
            Script::Other(t) => latin.push_str(&t),
        }
    }
    flush(&mut latin, &mut parts, &mut words);
    parts.join(" ")
}

/// A piece of text: a run of CJK characters (folded) or anything else.
enum Script {
    Cjk(String),
    Other(String),
}

fn split_scripts(text: &str) -> Vec<Script> {
    let mut out: Vec<Script> = Vec::new();
    for fc in folded_chars(text) {
        let cjk = is_cjk(fc.c);
        match out.last_mut() {
            Some(Script::Cjk(s)) if cjk => s.push(fc.c),
            Some(Script::Other(s)) if !cjk => s.push(fc.c),
            _ if cjk => out.push(Script::Cjk(fc.c.to_string())),
            _ => out.push(Script::Other(fc.c.to_string())),
        }
    }
    out
}

/// Words that name the kind of a place rather than the place (`Edogawa Ward`, `Kuma Village`,
/// `横浜市`): a city is also found without them.
const PLACE_SUFFIXES: [&str; 6] = ["ward", "city", "village", "town", "prefecture", "metropole"];
/// The same for Japanese names.
const PLACE_SUFFIXES_JA: [char; 5] = ['市', '区', '町', '村', '県'];

/// The keys under which a city is found by a query that names it: the whole name, each part
/// of `Edogawa Ward, Tokyo` or `Lyon (Métropole de Lyon)`, and each without a place-kind
/// word (`edogawa`, `横浜`).
pub fn city_keys(city: &str) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut push = |k: String| {
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    };
    push(query_key(city));
    for part in city.split([',', '(', ')', '、', '（', '）', '/']) {
        let key = query_key(part);
        let mut words: Vec<&str> = key.split(' ').collect();
        if words.len() > 1 && words.last().is_some_and(|w| PLACE_SUFFIXES.contains(w)) {
            words.pop();
            push(words.join(" "));
        }
        if let [one] = words.as_slice() {
            let mut chars: Vec<char> = one.chars().collect();
            if chars.len() > 2 && chars.last().is_some_and(|c| PLACE_SUFFIXES_JA.contains(c)) {
                chars.pop();
                push(chars.into_iter().collect());
            }
        }
        push(key);
    }
    keys
}

/// A stream over tokens computed up front (both tokenizers here need look-ahead or folding).
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
    empty: Token,
}

impl VecTokenStream {
    fn new(tokens: Vec<Token>) -> Self {
        VecTokenStream {
            tokens,
            next: 0,
            empty: Token::default(),
        }
    }

    fn current(&self) -> usize {
        self.next.wrapping_sub(1)
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.tokens.get(self.current()).unwrap_or(&self.empty)
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self.current();
        match self.tokens.get_mut(i) {
            Some(t) => t,
            None => &mut self.empty,
        }
    }
}

/// Splits text into words of alphanumeric, non-CJK characters (folded). CJK characters and
/// everything else separate words.
#[derive(Clone, Default)]
pub struct LatinTokenizer;

impl Tokenizer for LatinTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mut tokens = Vec::new();
        let mut current: Option<Token> = None;
        for fc in folded_chars(text) {
            if fc.c.is_alphanumeric() && !is_cjk(fc.c) {
                let token = current.get_or_insert_with(|| Token {
                    offset_from: fc.from,
                    offset_to: fc.to,
                    position: tokens.len(),
                    text: String::new(),
                    position_length: 1,
                });
                token.text.push(fc.c);
                token.offset_to = fc.to;
            } else if let Some(t) = current.take() {
                tokens.push(t);
            }
        }
        if let Some(t) = current.take() {
            tokens.push(t);
        }
        VecTokenStream::new(tokens)
    }
}

/// Emits, for each run of CJK characters, every character (unigram) and every overlapping pair
/// of characters (bigram); everything else is ignored.
///
/// The unigram of character *i* and the bigram starting at *i* share position *i*, so the
/// bigrams of a word are at consecutive positions and a phrase query over them finds the word.
/// Runs are separated by a position gap so a phrase never spans two runs.
#[derive(Clone, Default)]
pub struct CjkTokenizer;

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let chars = folded_chars(text);
        let mut tokens = Vec::new();
        let mut position = 0usize;
        let mut i = 0;
        while i < chars.len() {
            if !is_cjk(chars[i].c) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && is_cjk(chars[i].c) {
                i += 1;
            }
            let run = &chars[start..i];
            for (k, fc) in run.iter().enumerate() {
                tokens.push(Token {
                    offset_from: fc.from,
                    offset_to: fc.to,
                    position: position + k,
                    text: fc.c.to_string(),
                    position_length: 1,
                });
                if let Some(next) = run.get(k + 1) {
                    let mut text = String::with_capacity(8);
                    text.push(fc.c);
                    text.push(next.c);
                    tokens.push(Token {
                        offset_from: fc.from,
                        offset_to: next.to,
                        position: position + k,
                        text,
                        position_length: 1,
                    });
                }
            }
            position += run.len() + 1;
        }
        VecTokenStream::new(tokens)
    }
}

#[cfg(test)]
mod tests;
