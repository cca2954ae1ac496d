//! The checks of one case file's front matter: the format (required fields, ids, dates,
//! coordinates), the taxonomy's values, the English sections, and whether the case is current
//! and well sourced.

use super::SECTIONS;
use super::locate::Locator;
use crate::case::CaseMeta;
use crate::diagnostic::Diagnostic;
use crate::front_matter;
use crate::identity::is_valid_id;
use crate::taxonomy::Taxonomy;

/// Checks a parsed front matter against the format and the taxonomy.
pub(super) fn validate(
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
pub(super) fn url_site(url: &str) -> Option<String> {
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

/// Whether `s` is a `YYYY-MM-DD` date.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}
