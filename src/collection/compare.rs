//! Side-by-side comparison of two to four cases: the facts a facilitator puts next to each
//! other (place, programme, type, years, hazards, sectors, measures, outcomes, costs, lessons),
//! one column per case, each row knowing whether all cases agree. The app's comparison view and
//! the PDF handout's comparison table read the same rows.

use super::export::CaseRecord;
use crate::case::CaseView;
use crate::engine::Engine;
use crate::error::{Error, Result};
use serde::Serialize;
use ts_rs::TS;

/// Fewest cases a comparison shows.
pub const MIN_CASES: usize = 2;
/// Most cases a comparison shows (more columns do not fit a screen or an A4 page).
pub const MAX_CASES: usize = 4;
/// Longest text of a body section in a comparison cell, in characters.
const SECTION_CHARS: usize = 700;

/// One compared case (a column).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CompareCase {
    /// Case id.
    pub id: String,
    /// Title in the comparison's language (the id when the case is missing).
    pub title: String,
    /// Language of the shown version (empty when missing).
    pub lang: String,
    /// Whether the library no longer has the case.
    pub missing: bool,
}

/// One compared fact (a row).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CompareRow {
    /// Stable key of the row (`city`, `population`, `outcomes`, `lessons` ...).
    pub key: String,
    /// Its label in the comparison's language.
    pub label: String,
    /// One value per case, in the order of [`Comparison::cases`]; empty when unknown.
    pub values: Vec<String>,
    /// Whether every case has the same value (rows a facilitator may hide).
    pub same: bool,
}

/// Two to four cases side by side (IPC `compare`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Comparison {
    /// Language of labels and values (`en` or `ja`).
    pub lang: String,
    /// The columns.
    pub cases: Vec<CompareCase>,
    /// The rows, in reading order.
    pub rows: Vec<CompareRow>,
}

/// Keys of the fact rows, in order; [`fact_names`] and [`fact_values`] follow it.
pub(crate) const FACT_KEYS: [&str; 10] = [
    "city",
    "country",
    "population",
    "programmes",
    "type",
    "status",
    "years",
    "hazards",
    "sectors",
    "measures",
];

/// Labels of the fact rows in `lang`.
pub(crate) fn fact_names(lang: &str) -> [&'static str; 10] {
    if lang == "ja" {
        [
            "都市",
            "国",
            "人口",
            "プログラム",
            "種類",
            "状況",
            "期間",
            "気候ハザード",
            "分野",
            "対策",
        ]
    } else {
        [
            "City",
            "Country",
            "Population",
            "Programmes",
            "Type",
            "Status",
            "Years",
            "Hazards",
            "Sectors",
            "Measures",
        ]
    }
}

/// How a list is joined in `lang`: Japanese uses 、, as the app does.
pub(crate) fn list_separator(lang: &str) -> &'static str {
    if lang == "ja" { "、" } else { ", " }
}

/// The ten facts of a case, as text in `lang`, in the order of [`fact_names`].
pub(crate) fn fact_values(r: &CaseRecord, lang: &str) -> [String; 10] {
    let sep = list_separator(lang);
    let years = match (r.started, r.ended) {
        (Some(s), Some(e)) => format!("{s}–{e}"),
        (Some(s), None) => format!("{s}–"),
        _ => String::new(),
    };
    [
        r.city.clone(),
        r.country_name.clone(),
        r.population.map(group_digits).unwrap_or_default(),
        r.programmes.join(sep),
        r.case_type.clone(),
        r.status.clone(),
        years,
        r.hazards.join(sep),
        r.sectors.join(sep),
        r.measures.join(sep),
    ]
}

/// `1234567` as `1,234,567`.
pub(crate) fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The outcomes of a case, one per line: `metric: value unit (year)`.
fn outcome_lines(r: &CaseRecord) -> String {
    r.outcomes
        .iter()
        .map(|o| {
            let unit = o
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            format!("{}: {}{unit} ({})", o.metric, o.value, o.year)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The plain text of the `n`th (0-based) `## ` section of a case body, shortened. Sections are
/// found by position because translations use their own headings (cases/README.md: Context,
/// What was done, Results, Costs and funding, Lessons and transferability).
pub(crate) fn section_text(body: &str, n: usize) -> String {
    let mut index = None;
    let mut text = String::new();
    for line in body.lines() {
        if line.starts_with("## ") {
            index = Some(index.map_or(0, |i: usize| i + 1));
            continue;
        }
        if index == Some(n) {
            let line = line.trim();
            let line = line.trim_start_matches(['-', '*']).trim_start();
            if line.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
        }
    }
    // Markdown emphasis and links read as plain text: drop the markers, keep link text.
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '`' => {}
            ']' if chars.peek() == Some(&'(') => {
                for d in chars.by_ref() {
                    if d == ')' {
                        break;
                    }
                }
            }
            '[' => {}
            c => plain.push(c),
        }
    }
    shorten(&plain, SECTION_CHARS)
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind([' ', '。', '、']) {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

fn row(key: &str, label: &str, values: Vec<String>, present: &[bool]) -> CompareRow {
    let shown: Vec<&String> = values
        .iter()
        .zip(present)
        .filter(|(_, p)| **p)
        .map(|(v, _)| v)
        .collect();
    let same = shown.len() >= 2 && shown.windows(2).all(|w| w[0] == w[1]);
    CompareRow {
        key: key.to_string(),
        label: label.to_string(),
        values,
        same,
    }
}

impl Engine {
    /// The cases `ids` (two to four, each once) side by side in `lang` (`en` or `ja`; a case
    /// without that translation shows its original). A case the library lacks is a column
    /// marked missing, so a collection that lost a case can still be compared.
    pub fn comparison(&self, ids: &[String], lang: &str) -> Result<Comparison> {
        if lang != "en" && lang != "ja" {
            return Err(Error::InvalidArgument(format!(
                "unknown language `{lang}`: use en or ja"
            )));
        }
        let mut unique: Vec<&String> = Vec::with_capacity(ids.len());
        for id in ids {
            super::check_case_id(id)?;
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        if !(MIN_CASES..=MAX_CASES).contains(&unique.len()) {
            return Err(Error::InvalidArgument(format!(
                "a comparison shows {MIN_CASES} to {MAX_CASES} different cases; {} were given",
                unique.len()
            )));
        }
        let (records, bodies) = self.compare_inputs(&unique, lang)?;
        Ok(compare_records(&records, &bodies, lang))
    }

    /// The comparison of `ids` as a printable PDF: a cover listing the cases, then the table.
    #[cfg(feature = "pdf")]
    pub fn comparison_pdf(&self, ids: &[String], lang: &str) -> Result<Vec<u8>> {
        let cmp = self.comparison(ids, lang)?;
        let unique: Vec<&String> = cmp.cases.iter().map(|c| &c.id).collect();
        let (records, bodies) = self.compare_inputs(&unique, lang)?;
        let mut options = super::export::Options::new(super::export::Format::Pdf, lang)?;
        options.compare = true;
        let title = if lang == "ja" {
            format!("{} 件の事例の比較", records.len())
        } else {
            format!("{} cases compared", records.len())
        };
        let page = super::pdf::Page {
            title: &title,
            description: "",
            case_pages: false,
        };
        super::pdf::render(page, &records, &bodies, &options)
    }

    /// The records and markdown bodies of `ids` in `lang` (missing cases as such).
    fn compare_inputs(
        &self,
        ids: &[&String],
        lang: &str,
    ) -> Result<(Vec<CaseRecord>, Vec<String>)> {
        let tax = self.taxonomy();
        let mut records = Vec::with_capacity(ids.len());
        let mut bodies = Vec::with_capacity(ids.len());
        for id in ids.iter().copied() {
            let found: Option<CaseView> = self.case_if_present(id, Some(lang))?;
            match found {
                Some(view) => {
                    bodies.push(self.case_body(id, &view.lang)?);
                    records.push(CaseRecord::from_view(&view, &tax, lang, None));
                }
                None => {
                    bodies.push(String::new());
                    records.push(CaseRecord::missing(id, id, None));
                }
            }
        }
        Ok((records, bodies))
    }
}

/// The comparison of `records` with their markdown `bodies`, labels in `lang`.
pub(crate) fn compare_records(records: &[CaseRecord], bodies: &[String], lang: &str) -> Comparison {
    let present: Vec<bool> = records.iter().map(|r| !r.missing).collect();
    let values: Vec<[String; 10]> = records.iter().map(|r| fact_values(r, lang)).collect();
    let mut rows: Vec<CompareRow> = FACT_KEYS
        .iter()
        .zip(fact_names(lang))
        .enumerate()
        .map(|(i, (key, label))| {
            row(
                key,
                label,
                values.iter().map(|v| v[i].clone()).collect(),
                &present,
            )
        })
        .collect();
    let (outcomes, costs, lessons) = if lang == "ja" {
        ("成果", "費用と資金", "教訓と他地域への応用")
    } else {
        (
            "Outcomes",
            "Costs and funding",
            "Lessons and transferability",
        )
    };
    rows.push(row(
        "outcomes",
        outcomes,
        records.iter().map(outcome_lines).collect(),
        &present,
    ));
    rows.push(row(
        "costs",
        costs,
        bodies.iter().map(|b| section_text(b, 3)).collect(),
        &present,
    ));
    rows.push(row(
        "lessons",
        lessons,
        bodies.iter().map(|b| section_text(b, 4)).collect(),
        &present,
    ));
    Comparison {
        lang: lang.to_string(),
        cases: records
            .iter()
            .map(|r| CompareCase {
                id: r.id.clone(),
                title: r.title.clone(),
                lang: r.lang.clone(),
                missing: r.missing,
            })
            .collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_found_by_position_and_read_as_plain_text() {
        let body = "## Context\nA.\n## What was done\nB.\n## Results\nC.\n## Costs and funding\n\
                    - **EUR 5 m** from the [city](https://x.example).\n- A grant.\n\
                    ## Lessons and transferability\nCopy it.\n";
        assert_eq!(section_text(body, 3), "EUR 5 m from the city. A grant.");
        assert_eq!(section_text(body, 4), "Copy it.");
        assert_eq!(section_text(body, 7), "");
        let long = format!("## a\n## b\n## c\n## d\n{}\n", "word ".repeat(400));
        let s = section_text(&long, 3);
        assert!(
            s.ends_with('…') && s.chars().count() <= SECTION_CHARS + 1,
            "{s}"
        );
    }

    #[test]
    fn digits_group_by_three() {
        assert_eq!(group_digits(1_234_567), "1,234,567");
        assert_eq!(group_digits(999), "999");
    }

    #[test]
    fn rows_where_all_agree_are_marked_and_missing_cases_do_not_count() {
        let a = CaseRecord::missing("a", "A", None);
        let mut b = a.clone();
        b.missing = false;
        b.country_name = "Japan".into();
        b.city = "Kyoto".into();
        let mut c = b.clone();
        c.city = "Osaka".into();
        let cmp = compare_records(
            &[a, b, c],
            &[String::new(), String::new(), String::new()],
            "en",
        );
        let get = |k: &str| cmp.rows.iter().find(|r| r.key == k).expect(k);
        assert!(get("country").same);
        assert!(!get("city").same);
        assert_eq!(get("city").values, ["", "Kyoto", "Osaka"]);
        assert_eq!(cmp.rows.len(), 13);
        assert!(cmp.cases[0].missing);
    }

    #[test]
    fn lists_are_joined_in_the_language_of_the_export() {
        let mut r = CaseRecord::missing("a", "A", None);
        r.missing = false;
        r.hazards = vec!["高潮".into(), "海面上昇".into()];
        assert_eq!(fact_values(&r, "ja")[7], "高潮、海面上昇");
        assert_eq!(fact_values(&r, "en")[7], "高潮, 海面上昇");
    }
}
