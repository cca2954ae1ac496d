//! `casebook stats` and `casebook like`: the overview's counts and "cities like this one" on
//! the command line (for curators and content CI).

use super::args::Place;
use super::{check_filters, open_indexed, print_json};
use crate::error::Error;
use crate::explore::{LikeHit, StatCount, Stats};
use crate::search::SearchRequest;
use clap::Args;

/// Which matches `stats` counts: the query and filters of `search`.
#[derive(Args, Debug)]
pub(super) struct StatsArgs {
    /// Words to search for; empty counts the whole library
    query: Vec<String>,
    /// Hazard id (repeatable; a parent includes its children)
    #[arg(long, value_name = "ID")]
    hazard: Vec<String>,
    /// Sector id (repeatable)
    #[arg(long, value_name = "ID")]
    sector: Vec<String>,
    /// Measure id (repeatable)
    #[arg(long, value_name = "ID")]
    measure: Vec<String>,
    /// Region id (repeatable)
    #[arg(long, value_name = "ID")]
    region: Vec<String>,
    /// Country code (repeatable)
    #[arg(long, value_name = "CC")]
    country: Vec<String>,
    /// Programme id (repeatable)
    #[arg(long, value_name = "ID")]
    programme: Vec<String>,
    /// Case type
    #[arg(long = "type", value_name = "T", value_parser = ["adaptation", "mitigation", "both"])]
    case_type: Vec<String>,
    /// Status
    #[arg(long, value_name = "S", value_parser = ["planned", "ongoing", "completed"])]
    status: Vec<String>,
    /// Language of the case files
    #[arg(long, value_name = "LANG")]
    lang: Vec<String>,
    /// Population band
    #[arg(long, value_name = "BAND", value_parser = crate::geo::POPULATION_BANDS)]
    population: Vec<String>,
    /// Coastal or inland
    #[arg(long, value_name = "C", value_parser = ["coastal", "inland"])]
    coastal: Vec<String>,
    /// City, exactly as a case writes it (repeatable)
    #[arg(long, value_name = "NAME")]
    city: Vec<String>,
    /// Earliest start year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=3000))]
    from: Option<i32>,
    /// Latest start year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=3000))]
    to: Option<i32>,
    /// Language of labels
    #[arg(long, value_name = "LANG", default_value = "en")]
    ui_lang: String,
    /// Print as JSON
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    place: Place,
}

/// `casebook stats`.
pub(super) fn stats(args: StatsArgs) -> Result<i32, Error> {
    let engine = open_indexed(&args.place)?;
    let mut request = SearchRequest::new(args.query.join(" "));
    let country = args
        .country
        .iter()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    for (facet, values) in [
        ("hazard", args.hazard),
        ("sector", args.sector),
        ("measure", args.measure),
        ("region", args.region),
        ("country", country),
        ("programme", args.programme),
        ("type", args.case_type),
        ("status", args.status),
        ("language", args.lang),
        ("population", args.population),
        ("coastal", args.coastal),
        ("city", args.city),
    ] {
        for v in values {
            request = request.filter(facet, v);
        }
    }
    check_filters(&engine, &request)?;
    request.from = args.from;
    request.to = args.to;
    request.ui_lang = Some(args.ui_lang.clone());
    let stats = engine.stats(&request)?;
    if args.json {
        return print_json(&stats);
    }
    print!("{}", render_stats(&stats));
    Ok(0)
}

/// The plain-text report of `stats`.
fn render_stats(s: &Stats) -> String {
    let mut out = format!("{} case(s)\n", s.total);
    let section = |out: &mut String, title: &str, list: &[StatCount]| {
        out.push_str(&format!("\n{title}\n"));
        if list.is_empty() {
            out.push_str("  (none)\n");
        }
        for c in list {
            out.push_str(&format!("  {:>5}  {} ({})\n", c.count, c.label, c.id));
        }
    };
    section(&mut out, "Hazards", &s.hazard);
    section(&mut out, "Sectors", &s.sector);
    section(&mut out, "Measures", &s.measure);
    section(&mut out, "Programmes", &s.programme);
    section(&mut out, "Countries", &s.country);
    out.push_str("\nStart years\n");
    for y in &s.years {
        out.push_str(&format!("  {}  {:>5}\n", y.year, y.count));
    }
    if s.no_year > 0 {
        out.push_str(&format!("  none  {:>5}\n", s.no_year));
    }
    out.push_str(&format!(
        "\nTaxonomy values no case uses ({})\n",
        s.unused.len()
    ));
    for u in &s.unused {
        out.push_str(&format!("  {}: {} ({})\n", u.facet, u.label, u.id));
    }
    for (title, list) in [
        ("Fewest outcomes", &s.fewest_outcomes),
        ("Fewest sources", &s.fewest_sources),
    ] {
        out.push_str(&format!("\n{title}\n"));
        for c in list {
            out.push_str(&format!(
                "  {:>3} outcome(s) {:>3} source(s)  {} ({})\n",
                c.outcomes, c.sources, c.title, c.id
            ));
        }
    }
    out
}

/// `casebook like ID`.
pub(super) fn like(
    id: &str,
    limit: usize,
    lang: &str,
    json: bool,
    place: &Place,
) -> Result<i32, Error> {
    let engine = open_indexed(place)?;
    let hits = engine.like(id, limit, lang)?;
    if json {
        return print_json(&hits);
    }
    print!("{}", render_like(&hits));
    Ok(0)
}

/// The plain-text list of `like`.
fn render_like(hits: &[LikeHit]) -> String {
    if hits.is_empty() {
        return "no case shares a place trait with this one\n".to_string();
    }
    let mut out = String::new();
    for h in hits {
        out.push_str(&format!(
            "{:>4.1}  {} ({}, {})  [{}]\n      {}\n",
            h.score,
            h.title,
            h.city,
            h.country,
            h.id,
            h.reasons.join(", ")
        ));
    }
    out
}
