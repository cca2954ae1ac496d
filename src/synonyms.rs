//! Synonyms and variants of the search (`cases/synonyms.yaml`), curated data like the taxonomy.
//!
//! Two kinds of entries, each a head term with its other forms:
//!
//! ```yaml
//! equivalent:            # the same thing written differently: matched at full weight
//!   再エネ: [再生可能エネルギー, renewable energy]
//!   PV: [photovoltaic]
//! related:               # close concepts: matched at a lower weight
//!   脱炭素: [カーボンニュートラル, ゼロカーボン]
//! ```
//!
//! An entry is symmetric: a query for any of its forms also searches the others. Expansion is
//! one step (the forms of a form's other entries are not followed), so a cycle cannot loop, and
//! an entry has at most [`MAX_FORMS`] forms, so no query expands to thousands of terms.
//! A broken file is reported as diagnostics and search goes on without it.

use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Name of the synonyms file in the cases folder.
pub const SYNONYMS_FILE: &str = "synonyms.yaml";

/// Most forms an entry may have (its head included); further forms are ignored.
pub const MAX_FORMS: usize = 12;

/// How strongly the forms of an entry match each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The same thing written differently (full weight).
    Equivalent,
    /// A close concept (lower weight).
    Related,
}

/// One entry: its kind and its forms, the head first, as written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Equivalent or related.
    pub kind: Kind,
    /// The forms, head first.
    pub forms: Vec<String>,
    /// Line of the entry in the file (1-based).
    pub line: usize,
}

/// The parsed synonyms file: its usable entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synonyms {
    /// Entries in file order (equivalent ones first).
    pub entries: Vec<Entry>,
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsFile {
    #[serde(default)]
    equivalent: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    related: BTreeMap<String, Vec<String>>,
}

/// A form as compared for duplicates: case-folded, spaces collapsed.
fn compare_key(form: &str) -> String {
    form.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Line and column of the key `head:` in `text`, searched from line `from` on (block style).
fn locate(text: &str, head: &str, from: usize) -> (usize, usize) {
    for (i, line) in text.lines().enumerate().skip(from.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let key = trimmed
            .split_once(':')
            .map(|(k, _)| k.trim().trim_matches(['"', '\'']));
        if key == Some(head) {
            return (i + 1, line.len() - trimmed.len() + 1);
        }
    }
    (1, 1)
}

/// Line of the `section:` heading in `text`.
fn section_line(text: &str, section: &str) -> usize {
    text.lines()
        .position(|l| l.trim_end() == format!("{section}:"))
        .map_or(1, |i| i + 1)
}

/// Parses `synonyms.yaml`. Returns the usable entries and every problem found: a file that
/// does not parse gives no entries and one diagnostic; a bad entry is left out (or cut to
/// [`MAX_FORMS`]) and reported, the others are kept.
pub fn parse(text: &str) -> (Synonyms, Vec<Diagnostic>) {
    let path = SYNONYMS_FILE;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: SynonymsFile = match crate::front_matter::parse(path, text, 1) {
        Ok(f) => f,
        Err(d) => {
            let hint = d.hint.clone().unwrap_or_else(|| {
                "The file has two maps, `equivalent:` and `related:`, of `term: [form, ...]`."
                    .to_string()
            });
            return (Synonyms::default(), vec![d.with_hint(hint)]);
        }
    };
    let mut diags = Vec::new();
    let mut entries = Vec::new();
    // Where each form was first seen, per kind: (kind, key) -> line.
    let mut seen: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    for (kind, section, map) in [
        (Kind::Equivalent, "equivalent", file.equivalent),
        (Kind::Related, "related", file.related),
    ] {
        let start = section_line(text, section);
        // File order, so diagnostics and the "first seen" entry follow the file.
        let mut located: Vec<(usize, usize, String, Vec<String>)> = map
            .into_iter()
            .map(|(head, forms)| {
                let (line, col) = locate(text, &head, start);
                (line, col, head, forms)
            })
            .collect();
        located.sort_by_key(|(line, ..)| *line);
        for (line, col, head, forms) in located {
            if head.trim().is_empty() {
                diags.push(
                    Diagnostic::error(path, line, col, "empty synonym term")
                        .with_hint("Write the term before the colon: `PV: [photovoltaic]`."),
                );
                continue;
            }
            let mut kept: Vec<String> = vec![head.trim().to_string()];
            for form in forms {
                let form = form.trim().to_string();
                if form.is_empty() {
                    diags.push(
                        Diagnostic::error(path, line, col, format!("`{head}` has an empty form"))
                            .with_hint("Remove the empty item from the list."),
                    );
                } else if compare_key(&form) == compare_key(&head) {
                    diags.push(
                        Diagnostic::warning(path, line, col, format!("`{head}` refers to itself"))
                            .with_hint("An entry lists the other forms of its term; remove it from its own list."),
                    );
                } else if kept.iter().any(|k| compare_key(k) == compare_key(&form)) {
                    diags.push(
                        Diagnostic::warning(
                            path,
                            line,
                            col,
                            format!("`{head}` lists `{form}` twice"),
                        )
                        .with_hint("Each form is listed once; remove the repeat."),
                    );
                } else {
                    kept.push(form);
                }
            }
            if kept.len() > MAX_FORMS {
                diags.push(
                    Diagnostic::error(
                        path,
                        line,
                        col,
                        format!(
                            "`{head}` has {} forms; at most {MAX_FORMS} are used",
                            kept.len()
                        ),
                    )
                    .with_hint("Split it into narrower entries; a long list makes searches vague and slow."),
                );
                kept.truncate(MAX_FORMS);
            }
            if kept.len() < 2 {
                diags.push(
                    Diagnostic::warning(path, line, col, format!("`{head}` has no other form"))
                        .with_hint("List at least one other form: `PV: [photovoltaic]`."),
                );
                continue;
            }
            for form in &kept {
                if let Some(first) = seen.get(&(kind, compare_key(form))) {
                    diags.push(
                        Diagnostic::warning(
                            path,
                            line,
                            col,
                            format!(
                                "duplicate entry: `{form}` is also in the entry on line {first}"
                            ),
                        )
                        .with_hint("Merge the two entries into one, or remove the repeat."),
                    );
                } else {
                    seen.insert((kind, compare_key(form)), line);
                }
            }
            entries.push(Entry {
                kind,
                forms: kept,
                line,
            });
        }
    }
    (Synonyms { entries }, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_kinds_in_file_order() {
        let (s, d) = parse(
            "equivalent:\n  PV: [photovoltaic]\n  再エネ: [再生可能エネルギー, renewable energy]\nrelated:\n  脱炭素: [カーボンニュートラル]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.entries.len(), 3);
        assert_eq!(s.entries[0].forms, vec!["PV", "photovoltaic"]);
        assert_eq!(s.entries[1].line, 3);
        assert_eq!(s.entries[2].kind, Kind::Related);
    }

    #[test]
    fn self_reference_repeats_and_duplicates_are_reported_with_their_line() {
        let (s, d) = parse(
            "equivalent:\n  PV: [pv, photovoltaic, photovoltaic]\n  solar PV: [photovoltaic]\n  lonely: []\n",
        );
        let msgs: Vec<String> = d
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert!(
            msgs.contains(&"2:3 `PV` refers to itself".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"2:3 `PV` lists `photovoltaic` twice".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("3:3 duplicate entry: `photovoltaic`")),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"4:3 `lonely` has no other form".to_string()),
            "{msgs:?}"
        );
        assert!(d.iter().all(|d| d.hint.is_some()));
        assert_eq!(s.entries.len(), 2);
    }

    #[test]
    fn malformed_file_is_one_located_diagnostic_and_no_entries() {
        let (s, d) = parse("equivalent:\n  PV: [photovoltaic\n");
        assert!(s.entries.is_empty());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].line >= 2, "{:?}", d[0]);
        let (_, d) = parse("equivalnt:\n  PV: [photovoltaic]\n");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("unknown field"), "{:?}", d[0]);
    }

    #[test]
    fn a_huge_entry_is_cut_to_the_bound() {
        let forms: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let (s, d) = parse(&format!("related:\n  x: [{}]\n", forms.join(", ")));
        assert_eq!(s.entries[0].forms.len(), MAX_FORMS);
        assert!(d.iter().any(|d| d.message.contains("5001 forms")), "{d:?}");
    }
}
