//! The `casebook` command line (DESIGN §6). `main` only calls [`run`].

use crate::engine::{Engine, default_cases_dir, default_data_dir};
use crate::error::Error;
use crate::search::{FACETS, SearchRequest, SearchResponse};
use crate::{Diagnostic, Severity};
use clap::{Args, Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

mod collection;
mod explore;

/// Offline knowledge base of climate-action case studies from leading cities.
#[derive(Parser, Debug)]
#[command(name = "casebook", version, about, disable_help_subcommand = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the library and the data live.
#[derive(Args, Debug, Clone)]
struct Place {
    /// Cases folder [default: the bundled `cases/`]
    #[arg(long, value_name = "DIR", global = true)]
    cases: Option<PathBuf>,
    /// Folder for the index and user data [default: the platform data folder]
    #[arg(long, value_name = "DIR", global = true)]
    data: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build or update the search index (only changed files are reindexed)
    Index {
        #[command(flatten)]
        place: Place,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// Search the library
    Search(Box<SearchArgs>),
    /// Check every case file and the taxonomy; exit 1 if there is an error
    Lint {
        #[command(flatten)]
        place: Place,
        /// Print diagnostics as JSON
        #[arg(long)]
        json: bool,
    },
    /// Show one case
    Show {
        /// Case id
        id: String,
        /// Language of the version to show (falls back to English)
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Print the sanitized HTML of the body
        #[arg(long, conflicts_with = "json")]
        html: bool,
        /// Print the case as JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        place: Place,
    },
    /// Cases similar to one case
    Related {
        /// Case id
        id: String,
        /// Number of cases
        #[arg(long, default_value_t = 5, value_name = "N")]
        limit: usize,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        place: Place,
    },
    /// Counts of the library (or of a search's matches): per hazard, sector, measure,
    /// programme, country and start year, unused taxonomy values, thinnest cases
    Stats(Box<explore::StatsArgs>),
    /// Cases most like one case by place: population band, coast, hazards, region, country
    Like {
        /// Case id
        id: String,
        /// Number of cases
        #[arg(long, default_value_t = 10, value_name = "N")]
        limit: usize,
        /// Language of titles and reasons
        #[arg(long, value_name = "LANG", default_value = "en", value_parser = ["en", "ja"])]
        lang: String,
        /// Print as JSON
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        place: Place,
    },
    /// Write a template for a new case into the cases folder
    New {
        /// Id of the new case, e.g. `oslo-heat-action-plan`
        id: String,
        #[command(flatten)]
        place: Place,
    },
    /// Collections of cases for a workshop: list, new, show, add, rm, move, note, export, import
    Collection {
        #[command(subcommand)]
        command: collection::CollectionCommand,
        #[command(flatten)]
        place: Place,
    },
    /// Show the personal note on a case, or set it ("" clears it)
    Note {
        /// Case id
        id: String,
        /// New text of the note
        text: Option<String>,
        #[command(flatten)]
        place: Place,
    },
}

#[derive(Args, Debug)]
struct SearchArgs {
    /// Words to search for; empty browses everything
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
    /// Earliest start year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=3000))]
    from: Option<i32>,
    /// Latest start year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=3000))]
    to: Option<i32>,
    /// Number of hits
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    limit: u32,
    /// Hits to skip
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
    /// Language of facet labels
    #[arg(long, value_name = "LANG", default_value = "en")]
    ui_lang: String,
    /// Also list suggestions that complete the query (what the search box shows)
    #[arg(long)]
    suggest: bool,
    /// Print as JSON
    #[arg(long)]
    json: bool,
    /// Write the results to a file in this format instead (one row per case)
    #[arg(long, value_name = "FORMAT", value_parser = ["csv", "json"], requires = "out")]
    format: Option<String>,
    /// File for `--format`
    #[arg(long, value_name = "FILE", requires = "format")]
    out: Option<PathBuf>,
    #[command(flatten)]
    place: Place,
}

/// Runs the CLI with the process arguments and returns the exit code: 0 on success, 1 on an
/// error (or, for `lint`, when a file has errors), 2 on bad arguments.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                    2
                } else {
                    0
                };
            }
            // One line naming the argument; clap's usage block would hide it in a script log.
            let rendered = e.render().to_string();
            let mut lines = rendered.lines().filter(|l| !l.trim().is_empty());
            let first = lines.next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            // "the following required arguments were not provided:" names them on the next line.
            let line = match (first.ends_with(':'), lines.next()) {
                (true, Some(next)) => format!("{first} {}", next.trim()),
                _ => first.to_string(),
            };
            eprintln!("casebook: {line} (see `casebook --help`)");
            return 2;
        }
    };
    match execute(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casebook: {e}");
            match e {
                // Usage problems; a data folder from a newer version is not one (exit 1).
                Error::NoCasesFolder(_) | Error::InvalidArgument(_) => 2,
                _ => 1,
            }
        }
    }
}

fn open(place: &Place) -> Result<Engine, Error> {
    let cases = place.cases.clone().unwrap_or_else(default_cases_dir);
    let data = place.data.clone().unwrap_or_else(default_data_dir);
    Engine::open(&cases, &data)
}

/// Opens the library and brings the index up to date (cheap when nothing changed).
fn open_indexed(place: &Place) -> Result<Engine, Error> {
    let engine = open(place)?;
    engine.index()?;
    Ok(engine)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<i32, Error> {
    let s = serde_json::to_string_pretty(value).map_err(|e| Error::Index(e.to_string()))?;
    println!("{s}");
    Ok(0)
}

fn execute(command: Command) -> Result<i32, Error> {
    match command {
        Command::Index { place, json } => {
            let engine = open(&place)?;
            let report = engine.index()?;
            if json {
                return print_json(&report);
            }
            println!(
                "indexed {}, unchanged {}, removed {}, invalid {} in {:.0} ms{}",
                report.indexed,
                report.unchanged,
                report.removed,
                report.invalid,
                report.took_ms,
                if report.rebuilt {
                    " (index rebuilt)"
                } else {
                    ""
                }
            );
            if report.invalid > 0 {
                println!(
                    "{} file(s) left out; run `casebook lint` to see why",
                    report.invalid
                );
            }
            Ok(0)
        }
        Command::Lint { place, json } => {
            let engine = open(&place)?;
            engine.index()?;
            let mut diags = engine.diagnostics();
            diags.extend(engine.translation_diagnostics());
            diags.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            if json {
                print_json(&diags)?;
            } else {
                print_diagnostics(&diags);
                let warnings = diags.len() - errors;
                let files = engine.library_info();
                eprintln!(
                    "{} case file(s) indexed; {errors} error(s), {warnings} warning(s)",
                    files.docs
                );
            }
            Ok(if errors > 0 { 1 } else { 0 })
        }
        Command::Search(args) => search(*args),
        Command::Stats(args) => explore::stats(*args),
        Command::Like {
            id,
            limit,
            lang,
            json,
            place,
        } => explore::like(&id, limit, &lang, json, &place),
        Command::Show {
            id,
            lang,
            html,
            json,
            place,
        } => {
            let engine = open_indexed(&place)?;
            let view = engine.case(&id, lang.as_deref())?;
            if json {
                return print_json(&view);
            }
            if html {
                println!("{}", view.html);
                return Ok(0);
            }
            let m = &view.meta;
            let mut out = String::new();
            out.push_str(&format!(
                "{}\n{}, {} · {} · {}\n",
                m.title,
                m.city,
                m.country,
                m.case_type.as_str(),
                m.status.as_str()
            ));
            let years = match (m.started, m.ended) {
                (Some(s), Some(e)) => format!("{s}–{e}"),
                (Some(s), None) => format!("since {s}"),
                _ => String::new(),
            };
            if !years.is_empty() {
                out.push_str(&format!("Years: {years}\n"));
            }
            let labels = |v: &[crate::case::Labelled]| {
                v.iter()
                    .map(|l| l.label.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push_str(&format!(
                "Hazards: {}\nSectors: {}\nMeasures: {}\n",
                labels(&view.hazards),
                labels(&view.sectors),
                labels(&view.measures)
            ));
            if !view.programmes.is_empty() {
                out.push_str(&format!("Programmes: {}\n", labels(&view.programmes)));
            }
            if view.languages.len() > 1 {
                out.push_str(&format!("Languages: {}\n", view.languages.join(", ")));
            }
            out.push_str(&format!("\n{}\n", m.summary.trim()));
            for o in &m.outcomes {
                out.push_str(&format!(
                    "  • {}: {} {} ({})\n",
                    o.metric,
                    o.value,
                    o.unit.as_deref().unwrap_or(""),
                    o.year
                ));
            }
            let (text, _) = crate::markdown::text_and_headings(&engine_body(&engine, &view)?);
            out.push_str(&format!("\n{}\n", text.trim()));
            out.push_str("\nSources:\n");
            for s in &m.sources {
                out.push_str(&format!("  - {} <{}>\n", s.title, s.url));
            }
            print!("{out}");
            Ok(0)
        }
        Command::Related {
            id,
            limit,
            json,
            place,
        } => {
            let engine = open_indexed(&place)?;
            let hits = engine.related(&id, limit)?;
            if json {
                return print_json(&hits);
            }
            for (i, h) in hits.iter().enumerate() {
                println!(
                    "{:>2}. {} — {}, {} [{}] ({})",
                    i + 1,
                    h.title,
                    h.city,
                    h.country,
                    h.lang,
                    h.id
                );
            }
            if hits.is_empty() {
                println!("no related cases");
            }
            Ok(0)
        }
        Command::Collection { command, place } => collection::run(command, &place),
        Command::Note { id, text, place } => collection::note(&id, text.as_deref(), &place),
        Command::New { id, place } => {
            let engine = open(&place)?;
            engine.index()?;
            let path = engine.new_case(&id)?;
            println!("{}", path.display());
            eprintln!("Fill in the front matter, then run `casebook lint` to check it.");
            Ok(0)
        }
    }
}

/// The markdown body of the shown case, re-read from its file.
fn engine_body(engine: &Engine, view: &crate::CaseView) -> Result<String, Error> {
    let path = crate::identity::abs_path(engine.cases_dir(), &view.path);
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let text =
        crate::front_matter::decode(&view.path, &bytes).map_err(|d| Error::Index(d.to_string()))?;
    Ok(crate::front_matter::split(&view.path, &text)
        .map(|s| s.body)
        .unwrap_or_default())
}

fn print_diagnostics(diags: &[Diagnostic]) {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for d in diags {
        let _ = writeln!(out, "{d}");
    }
}

fn search(args: SearchArgs) -> Result<i32, Error> {
    let engine = open_indexed(&args.place)?;
    let mut request = SearchRequest::new(args.query.join(" "));
    for (facet, values) in [
        ("hazard", args.hazard),
        ("sector", args.sector),
        ("measure", args.measure),
        ("region", args.region),
        (
            "country",
            args.country
                .iter()
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        ),
        ("programme", args.programme),
        ("type", args.case_type),
        ("status", args.status),
        ("language", args.lang),
    ] {
        for v in values {
            request = request.filter(facet, v);
        }
    }
    check_filters(&engine, &request)?;
    request.from = args.from;
    request.to = args.to;
    request.limit = args.limit as usize;
    request.offset = args.offset;
    request.ui_lang = Some(args.ui_lang.clone());
    request.suggest = args.suggest;
    if let (Some(format), Some(out)) = (&args.format, &args.out) {
        let format = format.parse::<crate::collection::export::Format>()?;
        let options = crate::collection::export::Options::new(format, &args.ui_lang)?;
        let bytes = engine.export_search(&request, &options)?;
        return collection::write_out(out, &bytes);
    }
    let response = engine.search(&request)?;
    if args.json {
        return print_json(&CliSearch::from(&response));
    }
    print_search(&request, &response);
    Ok(0)
}

/// Rejects a filter value that the taxonomy does not have (a typo would silently find nothing).
fn check_filters(engine: &Engine, request: &SearchRequest) -> Result<(), Error> {
    let tax = engine.taxonomy();
    for (facet, values) in &request.filters {
        if !crate::taxonomy::TAXONOMY_FACETS.contains(&facet.as_str()) {
            continue;
        }
        for v in values {
            if !tax.contains(facet, v) {
                let hint = tax
                    .suggest(facet, v)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(Error::InvalidArgument(format!(
                    "unknown {facet} `{v}` for '--{facet}'{hint}"
                )));
            }
        }
    }
    Ok(())
}

/// The JSON shape of DESIGN §6 (hits carry only the documented fields).
#[derive(serde::Serialize)]
struct CliSearch<'a> {
    total: u64,
    hits: Vec<CliHit<'a>>,
    facets: &'a std::collections::BTreeMap<String, Vec<crate::FacetCount>>,
    corrected: &'a Option<String>,
    also_searched: &'a [String],
    suggestions: &'a [crate::Suggestion],
    took_ms: f64,
}

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

fn print_search(request: &SearchRequest, r: &SearchResponse) {
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
