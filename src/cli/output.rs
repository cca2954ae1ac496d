//! How search results look on the terminal, and the JSON shape of `casebook search --json`.

use crate::search::{FACETS, SearchRequest, SearchResponse};
use std::io::IsTerminal;

/// The JSON shape of the README's command-line section (hits carry only the documented fields).
#[derive(serde::Serialize)]
pub(super) struct CliSearch<'a> {
    total: u64,
    hits: Vec<CliHit<'a>>,
    facets: &'a std::collections::BTreeMap<String, Vec<crate::FacetCount>>,
    corrected: &'a Option<String>,
    also_searched: &'a [String],
    suggestions: &'a [crate::Suggestion],
    took_ms: f64,
}

/// One hit of [`CliSearch`].
#[derive(serde::Serialize)]
struct CliHit<'a> {
    id: &'a str,
    title: &'a str,
    city: &'a str,
    country: &'a str,
    lang: &'a str,
    score: f32,
    snippet: &'a str,
    hazards: &'a [String],
    sectors: &'a [String],
    measures: &'a [String],
}

impl<'a> From<&'a SearchResponse> for CliSearch<'a> {
    fn from(r: &'a SearchResponse) -> Self {
        CliSearch {
            total: r.total,
            hits: r
                .hits
                .iter()
                .map(|h| CliHit {
                    id: &h.id,
                    title: &h.title,
                    city: &h.city,
                    country: &h.country,
                    lang: &h.lang,
                    score: h.score,
                    snippet: &h.snippet,
                    hazards: &h.hazards,
                    sectors: &h.sectors,
                    measures: &h.measures,
                })
                .collect(),
            facets: &r.facets,
            corrected: &r.corrected,
            also_searched: &r.also_searched,
            suggestions: &r.suggestions,
            took_ms: r.took_ms,
        }
    }
}

/// Prints the results of `request` for a person: the correction, suggestions, hits with
/// snippets and the top facet values.
pub(super) fn print_search(request: &SearchRequest, r: &SearchResponse) {
    let tty = std::io::stdout().is_terminal();
    let mut out = String::new();
    if let Some(c) = &r.corrected {
        out.push_str(&format!(
            "No results for \"{}\". Showing results for \"{c}\".\n",
            request.query
        ));
    }
    for s in &r.suggestions {
        out.push_str(&format!(
            "Suggestion ({}): {} [{}]\n",
            s.kind, s.label, s.value
        ));
    }
    if !r.also_searched.is_empty() {
        out.push_str(&format!("Also searched: {}\n", r.also_searched.join(", ")));
    }
    let shown = r.hits.len();
    out.push_str(&format!(
        "{} result{} ({:.1} ms){}\n\n",
        r.total,
        if r.total == 1 { "" } else { "s" },
        r.took_ms,
        if (shown as u64) < r.total {
            format!(
                ", showing {}–{}",
                request.offset + 1,
                request.offset + shown
            )
        } else {
            String::new()
        }
    ));
    for (i, h) in r.hits.iter().enumerate() {
        out.push_str(&format!(
            "{:>3}. {} — {}, {} [{}]  {}\n",
            request.offset + i + 1,
            h.title,
            h.city,
            h.country,
            h.lang,
            h.id
        ));
        out.push_str(&format!("     {}\n", snippet_for_terminal(&h.snippet, tty)));
    }
    let facets: Vec<String> = FACETS
        .iter()
        .filter_map(|f| {
            let values = r.facets.get(*f)?;
            let top: Vec<String> = values
                .iter()
                .filter(|v| v.count > 0)
                .take(6)
                .map(|v| format!("{} ({})", v.id, v.count))
                .collect();
            (!top.is_empty()).then(|| format!("  {f}: {}", top.join(", ")))
        })
        .collect();
    if !facets.is_empty() {
        out.push_str("\nFacets:\n");
        out.push_str(&facets.join("\n"));
        out.push('\n');
    }
    print!("{out}");
}

/// Turns a snippet's `<mark>` into bold (terminal) or `**` (pipe) and unescapes entities.
fn snippet_for_terminal(snippet: &str, tty: bool) -> String {
    let (on, off) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    snippet
        .replace("<mark>", on)
        .replace("</mark>", off)
        .replace('\n', " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
