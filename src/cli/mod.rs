//! The `casebook` command line (README, "The command line"). `main` only calls [`run`].
//!
//! - `args`: the arguments and subcommands (clap);
//! - this module: parsing, opening the library and dispatching each command;
//! - `search`, `explore`, `collection`: the commands that need more than a few lines;
//! - `output`: how search results are printed.

use crate::engine::{Engine, default_cases_dir, default_data_dir};
use crate::error::Error;
use crate::{Diagnostic, Severity};
use args::{Cli, Command, Place};
use clap::Parser;
use std::io::Write;

mod args;
mod collection;
mod explore;
mod output;
mod search;

use search::check_filters;

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
        Command::Search(args) => search::search(*args),
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
