//! Tests of the analyzers: Latin words and stems, CJK unigrams and bigrams, kana folding, normalized titles and city keys.

use super::*;

fn texts(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|t| t.text).collect()
}

#[test]
fn cjk_emits_unigrams_and_bigrams_and_skips_latin() {
    let mut a = cjk_analyzer();
    let toks = tokens(&mut a, "熱中症 heat 対策");
    let got: Vec<(&str, usize)> = toks.iter().map(|t| (t.text.as_str(), t.position)).collect();
    assert_eq!(
        got,
        vec![
            ("熱", 0),
            ("熱中", 0),
            ("中", 1),
            ("中症", 1),
            ("症", 2),
            ("対", 4),
            ("対策", 4),
            ("策", 5)
        ]
    );
    // Offsets point into the original text.
    assert_eq!(
        &"熱中症 heat 対策"[toks[1].offset_from..toks[1].offset_to],
        "熱中"
    );
}

#[test]
fn latin_tokenizer_drops_cjk_and_stems() {
    let mut a = en_analyzer();
    assert_eq!(
        texts(&mut a, "Flooding 洪水対策 in Tōkyō, ＣＯ２-neutral"),
        vec!["flood", "in", "tokyo", "co2", "neutral"]
    );
    let mut w = words_analyzer();
    assert_eq!(
        texts(&mut w, "Retrofitting homes"),
        vec!["retrofitting", "homes"]
    );
}

#[test]
fn half_width_katakana_is_folded_and_composed() {
    assert_eq!(
        cjk_runs("ｺﾍﾟﾝﾊｰｹﾞﾝ"),
        vec!["コペンハーゲン".chars().collect::<Vec<_>>()]
    );
    assert_eq!(fold_char('Ａ'), 'A');
    assert!(is_cjk('ー') && is_cjk('한') && is_cjk('々') && !is_cjk('a'));
}

#[test]
fn long_vowel_mark_is_folded_at_word_ends_only() {
    let run = |t: &str| cjk_runs(t).concat().into_iter().collect::<String>();
    assert_eq!(run("エネルギー"), "エネルギ");
    assert_eq!(run("エネルギ"), "エネルギ");
    assert_eq!(run("エネルギー供給"), "エネルギ供給");
    assert_eq!(run("ボーナス"), "ボーナス");
    // Half-width forms fold to the same word.
    assert_eq!(run("ｴﾈﾙｷﾞｰ"), "エネルギ");
    // The bytes of the dropped mark stay with the word (highlights cover it).
    let chars = folded_chars("データー");
    assert_eq!(chars.len(), 3);
    assert_eq!(chars[2].to, "データー".len());
    // Width and case folding of Latin text still work.
    let mut en = en_analyzer();
    assert_eq!(texts(&mut en, "ＣＯ２削減"), vec!["co2"]);
}

#[test]
fn city_keys_name_the_city_with_and_without_its_kind() {
    assert_eq!(city_keys("Malmö"), vec!["malmo"]);
    assert_eq!(
        city_keys("Edogawa Ward, Tokyo"),
        vec!["edogawa ward tokyo", "edogawa", "edogawa ward", "tokyo"]
    );
    assert_eq!(city_keys("横浜市"), vec!["横浜市", "横浜"]);
    assert!(city_keys("Lyon (Métropole de Lyon)").contains(&"lyon".to_string()));
    assert_eq!(query_key("  Kraków "), "krakow");
}

#[test]
fn normalize_title_ignores_case_space_and_punctuation() {
    assert_eq!(
        normalize_title("  Cloudburst  Management: Plan! "),
        "cloudburst management plan"
    );
    assert_eq!(normalize_title("ＣＯ２ゼロ"), "co2ゼロ");
}
