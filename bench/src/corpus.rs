//! The seeded corpus generator: case files in the real format (cases/README.md) with real taxonomy
//! ids, correlated facet values, Zipf-distributed words over a growing vocabulary and about 10%
//! Japanese translations (`<id>.ja.md`) written without spaces.
//!
//! Every case draws from its own ChaCha stream (`seed`, stream = case number), so the output is
//! the same for a seed whatever the number of threads, and case `i` is the same in a 1k and a
//! 100k corpus.

use crate::taxo::TaxonomyIds;
use crate::vocab::{self, City, EU_CITIES, JP_CITIES, THEMES, Theme};
use anyhow::{Context, Result};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Zipf};
use rayon::prelude::*;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Largest rank of the general-word distribution: the vocabulary ceiling, far above what 100k
/// cases draw, so the number of distinct words keeps growing with the corpus.
const VOCABULARY_RANKS: f64 = 4_000_000.0;
/// Zipf exponent of general words (natural text is close to 1).
const ZIPF_S: f64 = 1.07;
/// Share of cases about Japanese cities.
const JAPAN_SHARE: f64 = 0.11;
/// Share of Japanese-city cases that also have a Japanese translation.
const JAPAN_TRANSLATED: f64 = 0.78;
/// Share of European cases with a Japanese translation.
const EUROPE_TRANSLATED: f64 = 0.015;
/// The date generated files say they were reviewed on or before.
const LAST_UPDATED: (i32, u32, u32) = (2026, 11, 28);

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CorpusStats {
    /// Case files written (`.md`, translations included).
    pub files: usize,
    /// Distinct case ids.
    pub cases: usize,
    /// Japanese translation files (`<id>.ja.md`).
    pub ja_files: usize,
    /// Total bytes of case files.
    pub bytes: u64,
    /// Wall time in seconds.
    pub secs: f64,
}

/// The decisions made first for case `i` (cheap, so the file count can be planned before the
/// parallel generation).
struct Plan {
    japan: bool,
    translated: bool,
}

fn case_rng(seed: u64, i: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(i);
    rng
}

fn plan(rng: &mut ChaCha8Rng) -> Plan {
    let japan = rng.random_bool(JAPAN_SHARE);
    let translated = rng.random_bool(if japan {
        JAPAN_TRANSLATED
    } else {
        EUROPE_TRANSLATED
    });
    Plan { japan, translated }
}

/// The distributions words are drawn from.
pub struct Words {
    function: Zipf<f64>,
    general: Zipf<f64>,
}

impl Words {
    /// The word distributions (fixed parameters).
    pub fn new() -> Words {
        // Both parameters are positive constants, so construction cannot fail; fall back to a
        // flat law rather than panic if rand_distr ever tightens its checks.
        let function = Zipf::new(vocab::FUNCTION_WORDS.len() as f64, 1.0)
            .or_else(|_| Zipf::new(2.0, 1.0))
            .unwrap_or_else(|_| unreachable!("Zipf(2, 1) is valid"));
        let general = Zipf::new(VOCABULARY_RANKS, ZIPF_S)
            .or_else(|_| Zipf::new(2.0, 1.0))
            .unwrap_or_else(|_| unreachable!("Zipf(2, 1) is valid"));
        Words { function, general }
    }

    /// A function word ("the", "of").
    pub fn function(&self, rng: &mut ChaCha8Rng) -> &'static str {
        let r = self.function.sample(rng) as usize - 1;
        vocab::FUNCTION_WORDS[r.min(vocab::FUNCTION_WORDS.len() - 1)]
    }

    /// A general word: a real word for low ranks, a pseudo-word beyond.
    pub fn general(&self, rng: &mut ChaCha8Rng) -> Cow<'static, str> {
        let r = self.general.sample(rng) as u64 - 1;
        word_of_rank(r)
    }
}

impl Default for Words {
    fn default() -> Self {
        Words::new()
    }
}

/// The general word of 0-based `rank`.
pub fn word_of_rank(rank: u64) -> Cow<'static, str> {
    let n = vocab::GENERAL_WORDS.len() as u64;
    if rank < n {
        Cow::Borrowed(vocab::GENERAL_WORDS[rank as usize])
    } else {
        Cow::Owned(vocab::tail_word(rank - n))
    }
}

/// Picks an element with a Zipf-like preference for the first ones (weights 1/(k+1)).
fn zipf_pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    let total: f64 = (1..=items.len()).map(|k| 1.0 / k as f64).sum();
    let mut x = rng.random::<f64>() * total;
    for (k, item) in items.iter().enumerate() {
        x -= 1.0 / (k + 1) as f64;
        if x <= 0.0 {
            return item;
        }
    }
    &items[items.len() - 1]
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// [`zipf_pick`] for word lists (spelled out so `push_str` need not guess the element type).
fn zipf_str(rng: &mut ChaCha8Rng, items: &[&'static str]) -> &'static str {
    zipf_pick::<&'static str>(rng, items)
}

/// [`pick`] for word lists.
fn pick_str(rng: &mut ChaCha8Rng, items: &[&'static str]) -> &'static str {
    pick::<&'static str>(rng, items)
}

/// Lower-case `[a-z0-9-]` slug of a name.
pub fn slug(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_string()
}

/// A YAML scalar for `s`: plain when that is unambiguous, else double-quoted (a JSON string is
/// a valid YAML double-quoted scalar).
fn yaml_str(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '.' || c == ',')
        && s.chars().next().is_some_and(|c| c.is_alphabetic())
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "'")))
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Everything about one generated case (both languages share it).
struct CaseSpec {
    id: String,
    dir: String,
    city: &'static City,
    theme: &'static Theme,
    case_type: String,
    hazards: Vec<String>,
    sectors: Vec<String>,
    measures: Vec<String>,
    programmes: Vec<String>,
    status: &'static str,
    started: i32,
    ended: Option<i32>,
    population: Option<u64>,
    coastal: Option<bool>,
    coordinates: Option<[f64; 2]>,
    outcomes: Vec<(String, f64, String, i32)>,
    sources: Vec<(String, String, String)>,
    updated: String,
}

/// 1 to `max` distinct values: the first usually, then others from `pool`.
fn some_of(rng: &mut ChaCha8Rng, pool: &[String], max: usize) -> Vec<String> {
    if pool.is_empty() {
        return vec![];
    }
    let n = rng.random_range(1..=max.min(pool.len()));
    let mut out: Vec<String> = Vec::with_capacity(n);
    if rng.random_bool(0.75) {
        out.push(pool[0].clone());
    }
    while out.len() < n {
        let v = pick(rng, pool);
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

fn date(rng: &mut ChaCha8Rng, from_year: i32) -> String {
    let (ly, lm, ld) = LAST_UPDATED;
    let year = rng.random_range(from_year.min(ly)..=ly);
    let month = if year == ly {
        rng.random_range(1..=lm)
    } else {
        rng.random_range(1..=12)
    };
    let day = if year == ly && month == lm {
        rng.random_range(1..=ld)
    } else {
        rng.random_range(1..=28)
    };
    format!("{year:04}-{month:02}-{day:02}")
}

fn spec(rng: &mut ChaCha8Rng, i: u64, japan: bool, tax: &TaxonomyIds) -> CaseSpec {
    let city = if japan {
        zipf_pick(rng, JP_CITIES)
    } else {
        zipf_pick(rng, EU_CITIES)
    };
    // Japanese cases lean to mitigation (Decarbonization Leading Areas).
    let theme = if japan && rng.random_bool(0.5) {
        &THEMES[[7, 8, 9, 10, 12, 13][rng.random_range(0..6)]]
    } else {
        pick(rng, THEMES)
    };
    let hazards_pool = tax.pick("hazard", theme.hazards);
    let mut hazards = if theme.case_type == "mitigation" {
        // cases/README.md: `[]` for hazard-independent mitigation; some curators use the value.
        if rng.random_bool(0.5) {
            vec![]
        } else {
            hazards_pool[..1].to_vec()
        }
    } else {
        some_of(rng, &hazards_pool, 2)
    };
    hazards.dedup();
    let sectors = some_of(rng, &tax.pick("sector", theme.sectors), 3);
    let mut measures = some_of(rng, &tax.pick("measure", theme.measures), 3);
    if rng.random_bool(0.1) {
        // A little noise so facet counts are not perfectly block-diagonal.
        let other = pick(rng, tax.values("measure")).clone();
        if !measures.contains(&other) {
            measures.push(other);
        }
    }
    let mut programmes = vec![];
    if japan {
        let x: f64 = rng.random();
        let round = format!(
            "jp-decarbonization-leading-area/round-{}",
            rng.random_range(1..=4)
        );
        if x < 0.5 {
            programmes.push(round);
        } else if x < 0.65 {
            programmes.push("jp-environmental-model-city".into());
        } else if x < 0.7 {
            programmes.push("jp-eco-town".into());
        } else if x < 0.75 {
            programmes.push("jp-smart-community-demonstration".into());
        }
    } else {
        let x: f64 = rng.random();
        if x < 0.5 {
            programmes.push(if rng.random_bool(0.3) {
                "eu-cities-mission/label".into()
            } else {
                "eu-cities-mission".into()
            });
        } else if x < 0.6 {
            programmes.push("eu-life".into());
        } else if x < 0.7 {
            programmes.push("eu-urban-innovative-actions".into());
        }
    }
    programmes.retain(|p| tax.has("programme", p));
    let case_type = if theme.case_type != "both" && rng.random_bool(0.08) {
        "both".to_string()
    } else {
        theme.case_type.to_string()
    };
    let x: f64 = rng.random();
    let status = if x < 0.15 {
        "planned"
    } else if x < 0.65 {
        "ongoing"
    } else {
        "completed"
    };
    // Recent years are more common: the square of a uniform draw leans to the end.
    let u: f64 = rng.random();
    let started = 2026 - ((1.0 - u * u) * 31.0) as i32;
    let started = if status == "planned" {
        started.max(2024)
    } else {
        started.min(2025)
    };
    let ended = (status == "completed").then(|| (started + rng.random_range(1..=8)).min(2026));
    let population = rng.random_bool(0.8).then_some(city.6);
    // Coastal or inland, without a draw of its own (so the rest of the case stays what it was
    // for a seed): coastal-flooding cases are on the coast, others by the city's name.
    let coastal = population.map(|_| theme.name == "coastal" || city.0.len() % 3 == 0);
    let coordinates = rng.random_bool(0.7).then(|| {
        let jitter = |rng: &mut ChaCha8Rng| (rng.random::<f64>() - 0.5) * 0.05;
        let lat = ((city.4 + jitter(rng)) * 1000.0).round() / 1000.0;
        let lon = ((city.5 + jitter(rng)) * 1000.0).round() / 1000.0;
        [lat, lon]
    });
    let mut outcomes = vec![];
    for _ in 0..rng.random_range(0..=2usize) {
        let (metric, unit, scale) = *pick(rng, theme.metrics);
        let value = (scale * (0.2 + rng.random::<f64>() * 1.6) * 10.0).round() / 10.0;
        let year = (started + rng.random_range(0..=6)).min(2026);
        if !outcomes
            .iter()
            .any(|o: &(String, f64, String, i32)| o.0 == metric)
        {
            outcomes.push((metric.to_string(), value, unit.to_string(), year));
        }
    }
    let city_slug = slug(city.0);
    let id = format!("{city_slug}-{}-{i}", theme.name);
    let mut sources = vec![];
    for k in 0..rng.random_range(1..=3usize) {
        let title = match k {
            0 => format!("{} {}", city.0, pick(rng, theme.title_nouns)),
            1 => format!("Climate-ADAPT case study: {}", city.0),
            _ => format!("{} annual climate report", city.0),
        };
        let url = format!("https://www.{city_slug}.example.org/climate/{id}/{k}");
        sources.push((title, url, date(rng, 2024)));
    }
    let updated = date(rng, 2024);
    let country = city.1.to_ascii_lowercase();
    let top = city.2.split('/').next().unwrap_or("other");
    CaseSpec {
        dir: format!("{top}/{country}"),
        id,
        city,
        theme,
        case_type,
        hazards,
        sectors,
        measures,
        programmes,
        status,
        started,
        ended,
        population,
        coastal,
        coordinates,
        outcomes,
        sources,
        updated,
    }
}

/// Writes an English sentence of `len` words to `out`.
fn sentence(out: &mut String, rng: &mut ChaCha8Rng, words: &Words, spec: &CaseSpec, len: usize) {
    let start = out.len();
    for k in 0..len {
        if k > 0 {
            out.push(' ');
        }
        let x: f64 = rng.random();
        if x < 0.36 {
            out.push_str(words.function(rng));
        } else if x < 0.56 {
            out.push_str(zipf_str(rng, spec.theme.terms));
        } else if x < 0.58 {
            out.push_str(spec.city.0);
        } else if x < 0.60 {
            let _ = write!(out, "{}", rng.random_range(2..=950));
        } else {
            out.push_str(&words.general(rng));
        }
        if k + 1 < len && rng.random_bool(0.05) {
            out.push(',');
        }
    }
    // Capitalize the first letter in place (ASCII only, so byte offsets stay valid).
    if let Some(b) = out.as_bytes().get(start)
        && b.is_ascii_lowercase()
    {
        let upper = (*b as char).to_ascii_uppercase().to_string();
        out.replace_range(start..start + 1, &upper);
    }
    out.push('.');
}

fn paragraph(out: &mut String, rng: &mut ChaCha8Rng, words: &Words, spec: &CaseSpec) {
    for k in 0..rng.random_range(2..=5) {
        if k > 0 {
            out.push(' ');
        }
        let len = rng.random_range(8..=22);
        sentence(out, rng, words, spec, len);
    }
    out.push_str("\n\n");
}

fn sentence_ja(out: &mut String, rng: &mut ChaCha8Rng, spec: &CaseSpec) {
    for k in 0..rng.random_range(3..=6) {
        if k > 0 {
            out.push_str(pick_str(rng, vocab::JA_PARTICLES));
        }
        let x: f64 = rng.random();
        if x < 0.5 {
            out.push_str(zipf_str(rng, spec.theme.terms_ja));
        } else if x < 0.9 {
            out.push_str(zipf_str(rng, vocab::JA_COMMON));
        } else if x < 0.95 {
            out.push_str(spec.city.3);
        } else {
            let _ = write!(out, "{}年", rng.random_range(2005..=2030));
        }
    }
    out.push_str(pick_str(rng, vocab::JA_ENDINGS));
}

fn paragraph_ja(out: &mut String, rng: &mut ChaCha8Rng, spec: &CaseSpec) {
    for _ in 0..rng.random_range(2..=5) {
        sentence_ja(out, rng, spec);
    }
    out.push_str("\n\n");
}

/// The markdown body: the five sections with paragraphs, a list with links, a results table,
/// grown until it reaches `target` bytes.
fn body(rng: &mut ChaCha8Rng, words: &Words, spec: &CaseSpec, ja: bool, target: usize) -> String {
    let mut out = String::with_capacity(target + 1024);
    let per_section = target / 5;
    for (s, (en, jah)) in vocab::SECTIONS.iter().enumerate() {
        let _ = write!(out, "## {}\n\n", if ja { jah } else { en });
        let section_start = out.len();
        if s == 1 {
            for _ in 0..rng.random_range(3..=6) {
                out.push_str("- ");
                if ja {
                    sentence_ja(&mut out, rng, spec);
                } else {
                    let term = zipf_pick(rng, spec.theme.terms);
                    if rng.random_bool(0.3) {
                        let _ = write!(out, "**{}**: ", capitalize(term));
                    }
                    let len = rng.random_range(5..=12);
                    sentence(&mut out, rng, words, spec, len);
                    if rng.random_bool(0.25) {
                        let _ = write!(
                            out,
                            " See [{} {}](https://www.{}.example.org/{}).",
                            spec.city.0,
                            term,
                            slug(spec.city.0),
                            slug(term)
                        );
                    }
                }
                out.push('\n');
            }
            out.push('\n');
        }
        if s == 2 && !spec.outcomes.is_empty() {
            if ja {
                out.push_str("| 指標 | 値 | 年 |\n|---|---|---|\n");
            } else {
                out.push_str("| Metric | Value | Year |\n|---|---:|---:|\n");
            }
            for (metric, value, unit, year) in &spec.outcomes {
                let _ = writeln!(out, "| {metric} | {value} {unit} | {year} |");
            }
            out.push('\n');
        }
        while out.len() - section_start < per_section {
            if ja {
                paragraph_ja(&mut out, rng, spec);
            } else {
                paragraph(&mut out, rng, words, spec);
            }
        }
    }
    out
}

fn title(rng: &mut ChaCha8Rng, spec: &CaseSpec, ja: bool) -> String {
    let t = spec.theme;
    if ja {
        let suffix = ["事業", "計画", "プロジェクト", "推進事業", "の取り組み"];
        return format!(
            "{}の{}{}",
            spec.city.3,
            zipf_pick(rng, t.terms_ja),
            pick(rng, &suffix)
        );
    }
    match rng.random_range(0..3) {
        0 => format!("{} {}", spec.city.0, pick(rng, t.title_nouns)),
        1 => format!(
            "{} {} in {}",
            capitalize(zipf_str(rng, t.terms)),
            pick(rng, t.title_nouns),
            spec.city.0
        ),
        _ => format!(
            "{}: {} and {}",
            spec.city.0,
            zipf_pick(rng, t.terms),
            pick(rng, t.terms)
        ),
    }
}

fn summary(rng: &mut ChaCha8Rng, words: &Words, spec: &CaseSpec, ja: bool) -> String {
    let mut out = String::new();
    for k in 0..rng.random_range(1..=3) {
        if ja {
            sentence_ja(&mut out, rng, spec);
        } else {
            if k > 0 {
                out.push(' ');
            }
            let len = rng.random_range(10..=24);
            sentence(&mut out, rng, words, spec, len);
        }
    }
    out
}

fn yaml_list(values: &[String]) -> String {
    format!("[{}]", values.join(", "))
}

/// The full text of one case file.
fn render_file(rng: &mut ChaCha8Rng, words: &Words, spec: &CaseSpec, ja: bool) -> String {
    let target = rng.random_range(700..=4300);
    let title = title(rng, spec, ja);
    let summary = summary(rng, words, spec, ja);
    let body = body(rng, words, spec, ja, target);
    let mut f = String::with_capacity(body.len() + 1200);
    f.push_str("---\n");
    let _ = writeln!(f, "id: {}", spec.id);
    let _ = writeln!(f, "title: {}", yaml_str(&title));
    let city = if ja { spec.city.3 } else { spec.city.0 };
    let _ = writeln!(f, "city: {}", yaml_str(city));
    let _ = writeln!(f, "country: {}", spec.city.1);
    let _ = writeln!(f, "region: {}", spec.city.2);
    let _ = writeln!(f, "programmes: {}", yaml_list(&spec.programmes));
    let _ = writeln!(f, "hazards: {}", yaml_list(&spec.hazards));
    let _ = writeln!(f, "sectors: {}", yaml_list(&spec.sectors));
    let _ = writeln!(f, "measures: {}", yaml_list(&spec.measures));
    let _ = writeln!(f, "type: {}", spec.case_type);
    let _ = writeln!(f, "status: {}", spec.status);
    let _ = writeln!(f, "started: {}", spec.started);
    if let Some(e) = spec.ended {
        let _ = writeln!(f, "ended: {e}");
    }
    if let Some(p) = spec.population {
        let _ = writeln!(f, "population: {p}");
    }
    if let Some(c) = spec.coastal {
        let _ = writeln!(f, "coastal: {c}");
    }
    if let Some([lat, lon]) = spec.coordinates {
        let _ = writeln!(f, "coordinates: [{lat}, {lon}]");
    }
    let _ = writeln!(f, "summary: >-\n  {summary}");
    if !spec.outcomes.is_empty() {
        f.push_str("outcomes:\n");
        for (metric, value, unit, year) in &spec.outcomes {
            let _ = writeln!(
                f,
                "  - {{ metric: {}, value: {value}, unit: {}, year: {year} }}",
                yaml_str(metric),
                yaml_str(unit)
            );
        }
    }
    f.push_str("sources:\n");
    for (t, url, accessed) in &spec.sources {
        let _ = writeln!(
            f,
            "  - {{ title: {}, url: \"{url}\", accessed: {accessed} }}",
            serde_json::to_string(t).unwrap_or_default()
        );
    }
    let _ = writeln!(f, "updated: {}", spec.updated);
    f.push_str("---\n");
    f.push_str(&body);
    f
}

/// One generated file: path relative to the corpus folder and its text.
pub struct GenFile {
    /// Relative path, `/`-separated.
    pub path: String,
    /// File content.
    pub text: String,
}

/// Generates the files of case `i` (the English file, and its translation if planned).
pub fn generate_case(seed: u64, i: u64, words: &Words, tax: &TaxonomyIds) -> Vec<GenFile> {
    let mut rng = case_rng(seed, i);
    let p = plan(&mut rng);
    let spec = spec(&mut rng, i, p.japan, tax);
    let mut files = vec![GenFile {
        path: format!("{}/{}.md", spec.dir, spec.id),
        text: render_file(&mut rng, words, &spec, false),
    }];
    if p.translated {
        files.push(GenFile {
            path: format!("{}/{}.ja.md", spec.dir, spec.id),
            text: render_file(&mut rng, words, &spec, true),
        });
    }
    files
}

/// How many cases give `n` files, and whether the last case must drop its translation.
fn cases_for(seed: u64, n: usize) -> (u64, bool) {
    let mut files = 0usize;
    let mut i = 0u64;
    while files < n {
        let p = plan(&mut case_rng(seed, i));
        files += if p.translated { 2 } else { 1 };
        i += 1;
    }
    (i, files > n)
}

/// Writes `n` case files plus `taxonomy.yaml` into `out` (created; existing `.md` files under
/// it are removed first so the folder holds exactly this corpus).
pub fn generate(n: usize, seed: u64, out: &Path, tax: &TaxonomyIds) -> Result<CorpusStats> {
    if out.exists() {
        remove_markdown(out)?;
    }
    // Timed after clearing the old corpus: deleting 100k files is not generation.
    let t0 = std::time::Instant::now();
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    std::fs::write(out.join("taxonomy.yaml"), &tax.text)
        .with_context(|| format!("cannot write {}", out.join("taxonomy.yaml").display()))?;
    let (cases, drop_last_translation) = cases_for(seed, n);
    let words = Words::new();
    let results: Vec<Result<(usize, usize, u64)>> = (0..cases)
        .into_par_iter()
        .map(|i| {
            let mut files = generate_case(seed, i, &words, tax);
            if drop_last_translation && i + 1 == cases {
                files.truncate(1);
            }
            let mut bytes = 0u64;
            let mut ja = 0;
            for f in &files {
                let path = out.join(&f.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                std::fs::write(&path, &f.text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                bytes += f.text.len() as u64;
                ja += usize::from(f.path.ends_with(".ja.md"));
            }
            Ok((files.len(), ja, bytes))
        })
        .collect();
    let mut stats = CorpusStats {
        cases: cases as usize,
        ..Default::default()
    };
    for r in results {
        let (f, ja, b) = r?;
        stats.files += f;
        stats.ja_files += ja;
        stats.bytes += b;
    }
    stats.secs = t0.elapsed().as_secs_f64();
    Ok(stats)
}

/// Removes every `.md` file under `dir` (a previous corpus), leaving other files alone.
fn remove_markdown(dir: &Path) -> Result<()> {
    for path in markdown_files(dir)? {
        std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(())
}

/// Every case file under `dir` (the core's rule, [`casebook::identity::is_case_path`]), sorted.
pub fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in
            std::fs::read_dir(&d).with_context(|| format!("cannot read {}", d.display()))?
        {
            let entry = entry.with_context(|| format!("cannot read {}", d.display()))?;
            let path = entry.path();
            let ft = entry
                .file_type()
                .with_context(|| format!("cannot stat {}", path.display()))?;
            let rel = casebook::identity::rel_path(dir, &path);
            if ft.is_dir() {
                if !casebook::identity::is_ignored_dir(&entry.file_name().to_string_lossy()) {
                    stack.push(path);
                }
            } else if casebook::identity::is_case_path(&rel) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxo;

    fn tax() -> TaxonomyIds {
        TaxonomyIds::load(&taxo::default_path()).expect("taxonomy")
    }

    #[test]
    fn same_seed_same_case() {
        let tax = tax();
        let w = Words::new();
        for i in [0, 1, 77, 4000] {
            let a = generate_case(7, i, &w, &tax);
            let b = generate_case(7, i, &w, &tax);
            assert_eq!(a.len(), b.len());
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.path, y.path);
                assert_eq!(x.text, y.text);
            }
        }
        let c = generate_case(8, 0, &w, &tax);
        assert_ne!(generate_case(7, 0, &w, &tax)[0].text, c[0].text);
    }

    #[test]
    fn front_matter_parses_as_case_meta_with_real_taxonomy_ids() {
        let tax = tax();
        let w = Words::new();
        let mut ja = 0;
        for i in 0..400 {
            for f in generate_case(3, i, &w, &tax) {
                let rest = f.text.strip_prefix("---\n").expect("front matter start");
                let end = rest.find("\n---\n").expect("front matter end");
                let meta: casebook::CaseMeta = serde_saphyr::from_str(&rest[..end + 1])
                    .unwrap_or_else(|e| panic!("{}: {e}\n{}", f.path, &rest[..end]));
                assert!(casebook::identity::is_valid_id(&meta.id), "{}", meta.id);
                assert!(
                    f.path.ends_with(&format!("{}.md", meta.id))
                        || f.path.ends_with(&format!("{}.ja.md", meta.id))
                );
                assert!(tax.has("region", &meta.region), "{}", meta.region);
                for h in &meta.hazards {
                    assert!(tax.has("hazard", h), "{h}");
                }
                for s in &meta.sectors {
                    assert!(tax.has("sector", s), "{s}");
                }
                for m in &meta.measures {
                    assert!(tax.has("measure", m), "{m}");
                }
                for p in &meta.programmes {
                    assert!(tax.has("programme", p), "{p}");
                }
                assert!(!meta.sectors.is_empty() && !meta.measures.is_empty());
                assert!(!meta.sources.is_empty());
                let body = &rest[end + 5..];
                assert_eq!(
                    body.matches("\n## ").count() + usize::from(body.starts_with("## ")),
                    5
                );
                assert!((700..=9000).contains(&body.len()), "{} bytes", body.len());
                if f.path.ends_with(".ja.md") {
                    ja += 1;
                    assert!(!body.contains("the "), "Japanese body has English words");
                }
            }
        }
        assert!(ja > 10, "only {ja} Japanese files in 400 cases");
    }

    #[test]
    fn generate_writes_exactly_n_files_deterministically() {
        let tax = tax();
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let sa = generate(120, 11, a.path(), &tax).expect("gen");
        let sb = generate(120, 11, b.path(), &tax).expect("gen");
        assert_eq!(sa.files, 120);
        let fa = markdown_files(a.path()).expect("list");
        let fb = markdown_files(b.path()).expect("list");
        assert_eq!(fa.len(), 120);
        for (x, y) in fa.iter().zip(&fb) {
            assert_eq!(x.strip_prefix(a.path()).ok(), y.strip_prefix(b.path()).ok());
            assert_eq!(std::fs::read(x).ok(), std::fs::read(y).ok());
        }
        assert_eq!(sa.bytes, sb.bytes);
        // Regenerating into the same folder replaces the corpus.
        let sc = generate(50, 12, a.path(), &tax).expect("gen");
        assert_eq!(sc.files, 50);
        assert_eq!(markdown_files(a.path()).expect("list").len(), 50);
    }

    #[test]
    fn the_core_loads_every_generated_file_without_diagnostics() {
        let tax = tax();
        let dir = tempfile::tempdir().expect("tempdir");
        let data = tempfile::tempdir().expect("tempdir");
        let stats = generate(300, 21, dir.path(), &tax).expect("gen");
        let engine = casebook::Engine::open(dir.path(), data.path()).expect("open");
        let report = engine.index().expect("index");
        // The generated sources are all on one made-up site and some outcomes are old: the
        // curator warnings about sourcing and stale figures are expected, and so is the map's
        // warning for the generated cases left without coordinates; nothing else is.
        let curator = |m: &str| {
            m.starts_with("no `coordinates`")
                || m.contains("only one source")
                || m.contains("all sources come from one site")
                || m.contains("years before `updated`")
        };
        let diags: Vec<String> = engine
            .diagnostics()
            .iter()
            .filter(|d| d.severity == casebook::Severity::Error || !curator(&d.message))
            .map(|d| format!("{}:{}: {}", d.path, d.line, d.message))
            .collect();
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(report.invalid, 0);
        assert_eq!(report.indexed, stats.files);
    }

    #[test]
    fn slugs_and_yaml_strings() {
        assert_eq!(slug("Cluj-Napoca"), "cluj-napoca");
        assert_eq!(slug("Malmo "), "malmo");
        assert_eq!(yaml_str("Copenhagen plan"), "Copenhagen plan");
        assert_eq!(yaml_str("A: b"), "\"A: b\"");
        assert_eq!(yaml_str("yes"), "\"yes\"");
    }
}
