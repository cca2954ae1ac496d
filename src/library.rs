//! Loading case files: one file into a [`Case`] or [`Diagnostic`]s, and the checks that span
//! files (duplicate ids, translations without an original).

use crate::case::{Case, CaseMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::front_matter;
use crate::identity::{is_case_path, is_ignored_dir, is_valid_id, lang_of, rel_path};
use crate::taxonomy::Taxonomy;
use std::collections::BTreeMap;
use std::path::Path;
use walkdir::WalkDir;

/// Version of the per-file checks. Bump it whenever a check changes, so diagnostics cached in
/// the catalog are recomputed.
pub const CHECKS_VERSION: u32 = 2;

/// Section headings every English case should have, in order.
pub const SECTIONS: [&str; 5] = [
    "Context",
    "What was done",
    "Results",
    "Costs and funding",
    "Lessons and transferability",
];

/// Lists the case files under `root` (relative `/` paths, sorted). Symlinks are not followed;
/// a symlinked file is loaded only when it resolves inside the folder.
pub fn walk(root: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !e.file_name().to_str().is_some_and(is_ignored_dir)
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                diags.push(Diagnostic::warning(&p, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let rel = rel_path(root, entry.path());
        if !is_case_path(&rel) {
            continue;
        }
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(t) if t.starts_with(&canon_root) && t.is_file() => {}
                _ => {
                    diags.push(
                        Diagnostic::warning(
                            &rel,
                            0,
                            0,
                            "symbolic link leads outside the cases folder; skipped",
                        )
                        .with_hint("Copy the file into the cases folder instead of linking to it."),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        files.push(rel);
    }
    diags.extend(crate::filenames::check_paths(&files));
    (files, diags)
}

/// The result of loading one file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The case, when the file has no errors.
    pub case: Option<Case>,
    /// The id, when the front matter parsed far enough to have one.
    pub id: Option<String>,
    /// Problems in the file (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads one case file from its bytes. Never panics; every problem is a diagnostic.
pub fn load_bytes(rel: &str, bytes: &[u8], mtime: i64, taxonomy: Option<&Taxonomy>) -> Loaded {
    let fail = |d: Diagnostic| Loaded {
        case: None,
        id: None,
        diagnostics: vec![d],
    };
    let text = match front_matter::decode(rel, bytes) {
        Ok(t) => t,
        Err(d) => return fail(d),
    };
    let split = match front_matter::split(rel, &text) {
        Ok(s) => s,
        Err(d) => return fail(d),
    };
    let meta: CaseMeta = match front_matter::parse(rel, &split.yaml, split.yaml_line) {
        Ok(m) => m,
        Err(d) => return fail(d),
    };
    let lang = lang_of(rel);
    let mut diags = validate(rel, &meta, &split, &lang, taxonomy);
    diags.sort_by_key(|d| (d.line, d.column));
    let ok = !diags.iter().any(|d| d.severity == Severity::Error);
    let id = Some(meta.id.clone());
    Loaded {
        case: ok.then(|| Case {
            path: rel.to_string(),
            lang,
            meta,
            body: split.body,
            body_line: split.body_line,
            hash: blake3::hash(bytes).to_hex().to_string(),
            mtime,
        }),
        id,
        diagnostics: diags,
    }
}

/// Finds the file line and column of `key:` in the front matter, and of `value` after it.
struct Locator<'a> {
    yaml: &'a str,
    first_line: usize,
}

impl Locator<'_> {
    /// Line/column of the top-level `key:`; the front matter's first line when absent.
    fn key(&self, key: &str) -> (usize, usize) {
        for (i, line) in self.yaml.lines().enumerate() {
            if line.starts_with(key) && line[key.len()..].trim_start().starts_with(':') {
                return (self.first_line + i, 1);
            }
        }
        (self.first_line.saturating_sub(1).max(1), 1)
    }

    /// Line/column of `value` at or after `key:` (before the next top-level key).
    fn value(&self, key: &str, value: &str) -> (usize, usize) {
        let (kline, _) = self.key(key);
        let start = kline.saturating_sub(self.first_line);
        for (i, line) in self.yaml.lines().enumerate().skip(start) {
            if i > start && !line.starts_with([' ', '\t', '-']) && !line.is_empty() {
                break;
            }
            let from = if i == start { key.len() } else { 0 };
            if let Some(col) = line.get(from..).and_then(|rest| find_token(rest, value)) {
                return (self.first_line + i, line[..from].chars().count() + col + 1);
            }
        }
        (kline, 1)
    }
}

/// Character column of `token` in `s` where it stands alone (not part of a longer id). An
/// empty token is never found: it would match everywhere and locate nothing.
fn find_token(s: &str, token: &str) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(pos) = s.get(from..)?.find(token) {
        let at = from + pos;
        let before = s[..at].chars().next_back();
        let after = s[at + token.len()..].chars().next();
        let is_id = |c: char| c.is_alphanumeric() || c == '-' || c == '/' || c == '_';
        if !before.is_some_and(is_id) && !after.is_some_and(is_id) {
            return Some(s[..at].chars().count());
        }
        from = at + token.len();
    }
    None
}

/// Checks a parsed front matter against the format and the taxonomy.
fn validate(
    rel: &str,
    meta: &CaseMeta,
    split: &front_matter::Split,
    lang: &str,
    taxonomy: Option<&Taxonomy>,
) -> Vec<Diagnostic> {
    let loc = Locator {
        yaml: &split.yaml,
        first_line: split.yaml_line,
    };
    let mut out = Vec::new();
    let err = |key: &str, msg: String, hint: &str| {
        let (l, c) = loc.key(key);
        Diagnostic::error(rel, l, c, msg).with_hint(hint)
    };

    if !is_valid_id(&meta.id) {
        let hint = if crate::filenames::is_reserved_name(&meta.id) {
            "This is a device name on Windows, so its file cannot exist there; add a word, e.g. `aux-heat-plan`."
        } else {
            "Use lower-case letters, digits and `-` only, e.g. `copenhagen-cloudburst-plan`."
        };
        out.push(err("id", format!("invalid id `{}`", meta.id), hint));
    } else {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        let expected = if lang == "en" {
            format!("{}.md", meta.id)
        } else {
            format!("{}.{lang}.md", meta.id)
        };
        if name != expected {
            let (l, c) = loc.key("id");
            out.push(
                Diagnostic::warning(rel, l, c, format!("file name `{name}` does not match the id `{}`", meta.id))
                    .with_hint(format!("Rename the file to `{expected}`, or keep the id if links depend on it (ids are stable; names are not).")),
            );
        }
    }
    for (key, value) in [
        ("title", &meta.title),
        ("city", &meta.city),
        ("summary", &meta.summary),
    ] {
        if value.trim().is_empty() {
            out.push(err(
                key,
                format!("`{key}` is empty"),
                "Write a value; it is shown in the result list.",
            ));
        }
    }
    if !(meta.country.len() == 2 && meta.country.bytes().all(|b| b.is_ascii_uppercase())) {
        let hint = if meta.country.len() == 2 {
            format!(
                "Country codes are upper case: `{}`.",
                meta.country.to_ascii_uppercase()
            )
        } else {
            "Use the ISO 3166-1 alpha-2 code, e.g. `DK`, `JP`.".to_string()
        };
        out.push(err(
            "country",
            format!("invalid country code `{}`", meta.country),
            &hint,
        ));
    }

    if let Some(tax) = taxonomy {
        let mut check = |key: &str, facet: &str, values: &[String]| {
            for v in values {
                if !tax.contains(facet, v) {
                    let (l, c) = loc.value(key, v);
                    let hint = match tax.suggest(facet, v) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("See the `{facet}` values in taxonomy.yaml."),
                    };
                    out.push(
                        Diagnostic::error(rel, l, c, format!("unknown {facet} `{v}`"))
                            .with_hint(hint),
                    );
                }
            }
        };
        check("region", "region", std::slice::from_ref(&meta.region));
        check("programmes", "programme", &meta.programmes);
        check("hazards", "hazard", &meta.hazards);
        check("sectors", "sector", &meta.sectors);
        check("measures", "measure", &meta.measures);
    }
    for (key, list) in [
        ("sectors", &meta.sectors),
        ("measures", &meta.measures),
        ("sources", &Vec::new()),
    ] {
        if key != "sources" && list.is_empty() {
            out.push(err(
                key,
                format!("`{key}` needs at least one value"),
                "List the values from taxonomy.yaml, e.g. `[water]`.",
            ));
        }
    }
    if meta.sources.is_empty() {
        out.push(err(
            "sources",
            "`sources` needs at least one source".into(),
            "Add `- { title: \"...\", url: \"https://...\" }` for each page the facts come from.",
        ));
    }
    for s in &meta.sources {
        if !(s.url.starts_with("https://") || s.url.starts_with("http://")) {
            let (l, c) = loc.value("sources", &s.url);
            out.push(
                Diagnostic::error(
                    rel,
                    l,
                    c,
                    format!("source URL `{}` is not an http(s) address", s.url),
                )
                .with_hint("Sources are web pages or documents with an `https://` address."),
            );
        }
        if let Some(a) = &s.accessed
            && !is_date(a)
        {
            let (l, c) = loc.value("sources", a);
            out.push(
                Diagnostic::error(
                    rel,
                    l,
                    c,
                    format!("`accessed` date `{a}` is not YYYY-MM-DD"),
                )
                .with_hint("Write the date as e.g. `2026-11-28`."),
            );
        }
    }
    if !is_date(&meta.updated) {
        out.push(err(
            "updated",
            format!("`updated` date `{}` is not YYYY-MM-DD", meta.updated),
            "Write the date of your last review, e.g. `2026-11-28`.",
        ));
    }
    let year_ok = |y: i32| (1800..=2100).contains(&y);
    for (key, y) in [("started", meta.started), ("ended", meta.ended)] {
        if let Some(y) = y
            && !year_ok(y)
        {
            out.push(err(
                key,
                format!("`{key}` year {y} is out of range"),
                "Write a four-digit year, e.g. `2012`.",
            ));
        }
    }
    if let (Some(s), Some(e)) = (meta.started, meta.ended)
        && e < s
    {
        out.push(err(
            "ended",
            format!("`ended` ({e}) is before `started` ({s})"),
            "Swap the years or correct one of them.",
        ));
    }
    if let Some([lat, lon]) = meta.coordinates
        && (!(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon))
    {
        out.push(err(
            "coordinates",
            format!("coordinates [{lat}, {lon}] are out of range"),
            "Write `[latitude, longitude]` in degrees, latitude first.",
        ));
    } else if let Some([lat, lon]) = meta.coordinates
        && crate::geo::inside_country(&meta.country, lat, lon) == Some(false)
    {
        out.push(err(
            "coordinates",
            format!(
                "coordinates [{lat}, {lon}] are outside {}",
                crate::search::builtin_label("country", &meta.country.to_ascii_uppercase(), "en")
            ),
            "Write `[latitude, longitude]` in degrees, latitude first (north and east are positive); check the country too.",
        ));
    }
    if meta.coordinates.is_none() && lang == "en" {
        let (l, c) = loc.key("city");
        out.push(
            Diagnostic::warning(rel, l, c, "no `coordinates`: the case is missing from the map")
                .with_hint("Add `coordinates: [latitude, longitude]` of the city centre, e.g. `coordinates: [55.68, 12.57]`."),
        );
    }
    for o in &meta.outcomes {
        if !year_ok(o.year) {
            let (l, c) = loc.value("outcomes", &o.metric);
            out.push(
                Diagnostic::error(
                    rel,
                    l,
                    c,
                    format!("outcome `{}` has year {} out of range", o.metric, o.year),
                )
                .with_hint("Give the year the figure refers to."),
            );
        }
    }
    out.extend(currency_and_sourcing(rel, meta, &loc));
    if lang == "en" {
        let found = crate::markdown::headings(&split.body);
        let mut missing = Vec::new();
        for s in SECTIONS {
            if !found.iter().any(|h| h.eq_ignore_ascii_case(s)) {
                missing.push(s);
            }
        }
        if !missing.is_empty() {
            out.push(
                Diagnostic::warning(rel, split.body_line, 1, format!("missing section(s): {}", missing.iter().map(|s| format!("`## {s}`")).collect::<Vec<_>>().join(", ")))
                    .with_hint("A case has the sections Context, What was done, Results, Costs and funding, Lessons and transferability."),
            );
        }
    }
    out
}

/// How many years an outcome may lag the file's `updated` date before the linter asks whether a
/// newer figure has been published.
const STALE_OUTCOME_YEARS: i32 = 5;

/// Curator checks against stale figures and weak sourcing: an outcome much older than the last
/// review, fewer than two sources, or sources that all come from one site. These are warnings:
/// a case can be right and still trip them, but each is worth a second look.
fn currency_and_sourcing(rel: &str, meta: &CaseMeta, loc: &Locator) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A completed action's figures measured at or after its end are final results, not
    // figures a newer report would replace.
    let is_final = |year: i32| {
        meta.status == crate::case::Status::Completed && meta.ended.is_some_and(|e| year >= e)
    };
    if let Some(updated) = meta.updated.get(0..4).and_then(|y| y.parse::<i32>().ok()) {
        for o in &meta.outcomes {
            if updated - o.year > STALE_OUTCOME_YEARS && !is_final(o.year) {
                let (l, c) = loc.value("outcomes", &o.metric);
                out.push(
                    Diagnostic::warning(
                        rel,
                        l,
                        c,
                        format!(
                            "outcome `{}` refers to {}, more than {STALE_OUTCOME_YEARS} years before `updated` ({})",
                            o.metric, o.year, meta.updated
                        ),
                    )
                    .with_hint("Look for a later published figure; if this is the latest, say so in the text (\"the latest figure, for 2015\")."),
                );
            }
        }
    }
    if meta.sources.len() == 1 {
        let (l, c) = loc.key("sources");
        out.push(
            Diagnostic::warning(rel, l, c, "the case has only one source")
                .with_hint("Add a second, independent source (the city's own page plus a report, a news article or a programme page)."),
        );
    } else if meta.sources.len() > 1 {
        let hosts: std::collections::BTreeSet<String> = meta
            .sources
            .iter()
            .filter_map(|s| url_site(&s.url))
            .collect();
        if hosts.len() == 1 {
            let (l, c) = loc.key("sources");
            out.push(
                Diagnostic::warning(
                    rel,
                    l,
                    c,
                    format!(
                        "all sources come from one site ({})",
                        hosts.iter().next().map(String::as_str).unwrap_or("")
                    ),
                )
                .with_hint("Add a source from another organisation so a reader can check the figures independently."),
            );
        }
    }
    out
}

/// The site of an `http(s)` URL for the one-domain check: the host without a leading `www.`,
/// lower-cased. `None` for anything that is not an http(s) URL with a host.
fn url_site(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Checks that a translation states the same facts as its original: the outcomes (value, unit
/// and year, in the same order; only the metric's wording may differ) and the place's figures
/// (population, coordinates, coastal). `rel` and `bytes` are the translation's file; returns
/// nothing when its front matter does not parse (its own diagnostics say why).
pub fn check_translation(rel: &str, bytes: &[u8], original: &CaseMeta) -> Vec<Diagnostic> {
    let Ok(text) = front_matter::decode(rel, bytes) else {
        return Vec::new();
    };
    let Ok(split) = front_matter::split(rel, &text) else {
        return Vec::new();
    };
    let Ok(meta) = front_matter::parse::<CaseMeta>(rel, &split.yaml, split.yaml_line) else {
        return Vec::new();
    };
    let loc = Locator {
        yaml: &split.yaml,
        first_line: split.yaml_line,
    };
    let mut out = Vec::new();
    let hint = "A translation changes words only: copy value, unit and year from the English file.";
    if meta.outcomes.len() != original.outcomes.len() {
        let (l, c) = loc.key("outcomes");
        out.push(
            Diagnostic::warning(
                rel,
                l,
                c,
                format!(
                    "the translation has {} outcome(s), the original {}",
                    meta.outcomes.len(),
                    original.outcomes.len()
                ),
            )
            .with_hint(hint),
        );
    } else {
        for (t, o) in meta.outcomes.iter().zip(&original.outcomes) {
            if t.value != o.value || t.unit != o.unit || t.year != o.year {
                let (l, c) = loc.value("outcomes", &t.metric);
                let show = |x: &crate::case::Outcome| {
                    format!(
                        "{} {} ({})",
                        x.value,
                        x.unit.as_deref().unwrap_or(""),
                        x.year
                    )
                };
                out.push(
                    Diagnostic::warning(
                        rel,
                        l,
                        c,
                        format!(
                            "outcome `{}` is {} here but {} in the original",
                            t.metric,
                            show(t),
                            show(o)
                        ),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    let place = [
        ("population", meta.population != original.population),
        ("coordinates", meta.coordinates != original.coordinates),
        ("coastal", meta.coastal != original.coastal),
    ];
    for (key, differs) in place {
        if differs {
            let (l, c) = loc.key(key);
            out.push(
                Diagnostic::warning(rel, l, c, format!("`{key}` differs from the original"))
                    .with_hint("Use the same value as the English file."),
            );
        }
    }
    out
}

/// Whether `s` is a `YYYY-MM-DD` date.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}

/// Checks across files: duplicate ids per language, translations without an original.
/// `files` maps path to (id, lang) for every file whose front matter parsed. Returns the
/// diagnostics and the paths that lose a duplicate-id conflict (left out of the index).
pub fn cross_check(files: &BTreeMap<String, (String, String)>) -> (Vec<Diagnostic>, Vec<String>) {
    let mut by_key: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (path, (id, lang)) in files {
        by_key
            .entry((id.as_str(), lang.as_str()))
            .or_default()
            .push(path.as_str());
    }
    let mut diags = Vec::new();
    let mut losers = Vec::new();
    for ((id, lang), paths) in &by_key {
        if let Some((first, rest)) = paths.split_first() {
            for p in rest {
                diags.push(
                    Diagnostic::error(p, 2, 1, format!("duplicate id `{id}` (language `{lang}`): `{first}` has it too"))
                        .with_hint("Ids must be unique; give one of the cases a new id. This file is left out until then."),
                );
                losers.push(p.to_string());
            }
        }
        if *lang != "en" && !by_key.contains_key(&(*id, "en")) {
            for p in paths {
                diags.push(
                    Diagnostic::warning(
                        p,
                        2,
                        1,
                        format!("translation of `{id}` has no English original"),
                    )
                    .with_hint(format!(
                        "Add `{id}.md`, or check that the id matches the original's."
                    )),
                );
            }
        }
    }
    (diags, losers)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal valid case file with the given extra front matter lines.
    fn file(extra: &str) -> String {
        format!(
            "---\nid: a\ntitle: A\ncity: C\ncountry: DK\nregion: europe\nsectors: [water]\n\
             measures: [m]\ntype: adaptation\nsummary: S\nupdated: 2026-12-01\n{extra}coordinates: [55.68, 12.57]\n---\n## Context\n## What was done\n## Results\n## Costs and funding\n## Lessons and transferability\n"
        )
    }

    fn messages(extra: &str) -> Vec<String> {
        load_bytes("a.md", file(extra).as_bytes(), 0, None)
            .diagnostics
            .into_iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    const TWO_SITES: &str = "sources:\n  - { title: x, url: \"https://a.example/1\" }\n  - { title: y, url: \"https://www.b.example/2\" }\n";

    #[test]
    fn stale_outcomes_are_flagged_unless_final() {
        let old = format!(
            "status: ongoing\noutcomes:\n  - {{ metric: Old, value: 1, year: 2019 }}\n  - {{ metric: New, value: 2, year: 2024 }}\n{TWO_SITES}"
        );
        let m = messages(&old);
        assert!(
            m.iter()
                .any(|x| x.starts_with("14:15 outcome `Old` refers to 2019")),
            "{m:?}"
        );
        assert!(!m.iter().any(|x| x.contains("`New`")), "{m:?}");
        // A completed action's result measured when it ended is final.
        let done = old.replace("status: ongoing", "status: completed\nended: 2019");
        assert!(!messages(&done).iter().any(|x| x.contains("refers to")));
        let before_end = old.replace("status: ongoing", "status: completed\nended: 2021");
        assert!(
            messages(&before_end)
                .iter()
                .any(|x| x.contains("`Old` refers to 2019"))
        );
    }

    #[test]
    fn weak_sourcing_is_flagged() {
        let one = "status: ongoing\nsources:\n  - { title: x, url: \"https://a.example/1\" }\n";
        assert!(
            messages(one)
                .iter()
                .any(|x| x.ends_with("the case has only one source"))
        );
        let same = "status: ongoing\nsources:\n  - { title: x, url: \"https://www.a.example/1\" }\n  - { title: y, url: \"http://A.example:80/2?q\" }\n";
        assert!(
            messages(same)
                .iter()
                .any(|x| x.ends_with("all sources come from one site (a.example)")),
            "{:?}",
            messages(same)
        );
        let two = format!("status: ongoing\n{TWO_SITES}");
        assert!(messages(&two).is_empty(), "{:?}", messages(&two));
    }

    #[test]
    fn sites_of_urls() {
        assert_eq!(url_site("https://www.Kk.dk/x").as_deref(), Some("kk.dk"));
        assert_eq!(url_site("http://u@host:8080#f").as_deref(), Some("host"));
        assert_eq!(url_site("ftp://host/x"), None);
        assert_eq!(url_site("https:///x"), None);
    }

    #[test]
    fn translations_keep_the_figures() {
        let en = format!(
            "status: ongoing\npopulation: 1000\ncoastal: true\noutcomes:\n  - {{ metric: Trees, value: 5, unit: \"%\", year: 2024 }}\n{TWO_SITES}"
        );
        let original = load_bytes("a.md", file(&en).as_bytes(), 0, None)
            .case
            .map(|c| c.meta)
            .expect("valid original");
        let same = en.replace("metric: Trees", "metric: 樹木");
        assert!(check_translation("a.ja.md", file(&same).as_bytes(), &original).is_empty());
        let wrong = same
            .replace("value: 5", "value: 6")
            .replace("coastal: true", "coastal: false");
        let d = check_translation("a.ja.md", file(&wrong).as_bytes(), &original);
        let m: Vec<String> = d
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(
            m,
            [
                "16:15 outcome `樹木` is 6 % (2024) here but 5 % (2024) in the original",
                "14:1 `coastal` differs from the original"
            ],
        );
        let fewer = format!("status: ongoing\npopulation: 1000\ncoastal: true\n{TWO_SITES}");
        let d = check_translation("a.ja.md", file(&fewer).as_bytes(), &original);
        assert!(d[0].message.contains("has 0 outcome(s), the original 1"));
        assert!(check_translation("a.ja.md", b"not a case", &original).is_empty());
    }

    #[test]
    fn token_search_skips_longer_ids() {
        assert_eq!(
            find_token("[flooding/pluvial, flooding]", "flooding"),
            Some(19)
        );
        assert_eq!(find_token("[flood]", "flood"), Some(1));
    }

    #[test]
    fn an_empty_token_is_never_found_and_never_loops() {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(find_token("\"sources\": [{title: x, url: \"\"}]", ""));
        });
        let found = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("find_token returns");
        assert_eq!(found, None);
        assert_eq!(find_token("id: x", ""), None);
        // A token that only occurs inside longer ids is skipped to the end, not looped on.
        assert_eq!(find_token("ab ab ab", "a"), None);
    }
}
