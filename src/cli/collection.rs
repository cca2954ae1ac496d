//! `casebook collection ...` and `casebook note ...`: collections and notes from the command
//! line, in the same data folder the app uses.

use super::args::Place;
use super::{open, open_indexed, print_json};
use crate::collection::export::{Format, Options};
use crate::engine::Engine;
use crate::error::Error;
use clap::Subcommand;
use std::path::PathBuf;

/// What to do with collections.
#[derive(Subcommand, Debug)]
pub(super) enum CollectionCommand {
    /// List the collections with their number of cases
    List {
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// Create an empty collection
    New {
        /// Name of the collection
        name: String,
        /// Description
        #[arg(long, value_name = "TEXT", default_value = "")]
        description: String,
    },
    /// Show the cases of a collection, in order, with their notes
    Show {
        /// Name of the collection
        name: String,
        /// Language of the titles (falls back to English)
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// Add cases to the end of a collection
    Add {
        /// Name of the collection
        name: String,
        /// Case ids
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Remove a case from a collection
    Rm {
        /// Name of the collection
        name: String,
        /// Case id
        id: String,
    },
    /// Move a case to a position (1 is the first)
    Move {
        /// Name of the collection
        name: String,
        /// Case id
        id: String,
        /// New position, from 1
        pos: usize,
    },
    /// Set the facilitator's note on a case of a collection ("" clears it)
    Note {
        /// Name of the collection
        name: String,
        /// Case id
        id: String,
        /// The note
        text: String,
    },
    /// Rename a collection
    Rename {
        /// Current name
        name: String,
        /// New name
        new_name: String,
    },
    /// Set the description of a collection
    Describe {
        /// Name of the collection
        name: String,
        /// The description ("" clears it)
        text: String,
    },
    /// Delete a collection (export it first with `--format collection` to keep a copy)
    Delete {
        /// Name of the collection
        name: String,
    },
    /// Write a collection to a file: CSV, JSON, the PDF handout or the portable collection file
    Export {
        /// Name of the collection
        name: String,
        /// File format
        #[arg(long, value_name = "FORMAT", value_parser = ["csv", "json", "pdf", "collection"])]
        format: String,
        /// File to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Language of the cases and labels
        #[arg(long, value_name = "LANG", default_value = "en", value_parser = ["en", "ja"])]
        lang: String,
        /// End the PDF handout with a comparison table
        #[arg(long)]
        compare: bool,
    },
    /// Import a portable collection file (`.casebook-collection.json`)
    Import {
        /// The file
        file: PathBuf,
        /// Import under this name instead of the file's
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
}

/// Runs a collection command. Errors of the input (unknown collection or case, bad name or
/// note, bad file) print one line and exit 2; failures of the machine exit 1.
pub(super) fn run(command: CollectionCommand, place: &Place) -> Result<i32, Error> {
    match execute(command, place) {
        Err(e @ (Error::InvalidArgument(_) | Error::NoCollection(_) | Error::NotFound(_))) => {
            eprintln!("casebook: {e}");
            Ok(2)
        }
        other => other,
    }
}

fn execute(command: CollectionCommand, place: &Place) -> Result<i32, Error> {
    use CollectionCommand as C;
    match command {
        C::List { json } => {
            let engine = open(place)?;
            let list = engine.collections()?;
            if json {
                return print_json(&list);
            }
            for c in &list {
                println!(
                    "{} ({} case{})",
                    c.name,
                    c.count,
                    if c.count == 1 { "" } else { "s" }
                );
            }
            if list.is_empty() {
                println!("no collections; create one with `casebook collection new NAME`");
            }
            Ok(0)
        }
        C::New { name, description } => {
            let c = open(place)?.create_collection(&name, &description)?;
            println!("created collection `{}`", c.name);
            Ok(0)
        }
        C::Show { name, lang, json } => {
            let engine = open_indexed(place)?;
            let id = engine.find_collection(&name)?.id;
            let view = engine.collection(id, lang.as_deref())?;
            if json {
                return print_json(&view);
            }
            let c = &view.collection;
            println!(
                "{} ({} case{})",
                c.name,
                c.count,
                if c.count == 1 { "" } else { "s" }
            );
            if !c.description.is_empty() {
                println!("{}", c.description);
            }
            for (i, item) in view.items.iter().enumerate() {
                if item.missing {
                    println!(
                        "{:>3}. {} — missing from this library ({})",
                        i + 1,
                        item.title,
                        item.id
                    );
                } else {
                    println!(
                        "{:>3}. {} — {}, {} ({})",
                        i + 1,
                        item.title,
                        item.city,
                        item.country,
                        item.id
                    );
                }
                for line in item.note.lines() {
                    println!("     > {line}");
                }
            }
            Ok(0)
        }
        C::Add { name, ids } => {
            let engine = open_indexed(place)?;
            let id = engine.find_collection(&name)?.id;
            let c = engine.add_to_collection(id, &ids)?;
            println!("`{}` now has {} case(s)", c.name, c.count);
            Ok(0)
        }
        C::Rm { name, id: case } => {
            let engine = open(place)?;
            let id = engine.find_collection(&name)?.id;
            let c = engine.remove_from_collection(id, &case)?;
            println!("`{}` now has {} case(s)", c.name, c.count);
            Ok(0)
        }
        C::Move {
            name,
            id: case,
            pos,
        } => {
            let engine = open(place)?;
            let id = engine.find_collection(&name)?.id;
            let pos = pos
                .checked_sub(1)
                .ok_or_else(|| Error::InvalidArgument("positions start at 1".into()))?;
            engine.move_in_collection(id, &case, pos)?;
            Ok(0)
        }
        C::Note {
            name,
            id: case,
            text,
        } => {
            let engine = open(place)?;
            let id = engine.find_collection(&name)?.id;
            engine.set_item_note(id, &case, &text)?;
            Ok(0)
        }
        C::Rename { name, new_name } => {
            let engine = open(place)?;
            let id = engine.find_collection(&name)?.id;
            let c = engine.rename_collection(id, &new_name)?;
            println!("renamed to `{}`", c.name);
            Ok(0)
        }
        C::Describe { name, text } => {
            let engine = open(place)?;
            let id = engine.find_collection(&name)?.id;
            engine.describe_collection(id, &text)?;
            Ok(0)
        }
        C::Delete { name } => {
            let engine = open(place)?;
            let c = engine.find_collection(&name)?;
            engine.delete_collection(c.id)?;
            println!("deleted collection `{}` ({} case(s))", c.name, c.count);
            Ok(0)
        }
        C::Export {
            name,
            format,
            out,
            lang,
            compare,
        } => {
            let engine = open_indexed(place)?;
            let id = engine.find_collection(&name)?.id;
            let mut options = Options::new(format.parse::<Format>()?, &lang)?;
            options.compare = compare;
            let bytes = engine.export_collection(id, &options)?;
            write_out(&out, &bytes)
        }
        C::Import { file, name, json } => {
            let engine = open_indexed(place)?;
            let bytes = read_in(&file)?;
            let report =
                engine.import_collection(&file.display().to_string(), &bytes, name.as_deref())?;
            if json {
                return print_json(&report);
            }
            println!(
                "imported `{}` ({} case(s))",
                report.collection.name, report.collection.count
            );
            if !report.missing.is_empty() {
                println!(
                    "not in this library (kept, shown as missing): {}",
                    report.missing.join(", ")
                );
            }
            Ok(0)
        }
    }
}

/// `casebook note ID [TEXT]`: prints the personal note on a case, or sets it ("" clears it).
pub(super) fn note(id: &str, text: Option<&str>, place: &Place) -> Result<i32, Error> {
    let result = (|| {
        let engine: Engine = open_indexed(place)?;
        match text {
            Some(t) => engine.set_note(id, t),
            None => {
                let note = engine.note(id)?;
                if !note.is_empty() {
                    println!("{note}");
                }
                Ok(())
            }
        }
    })();
    match result {
        Ok(()) => Ok(0),
        Err(e @ (Error::InvalidArgument(_) | Error::NotFound(_))) => {
            eprintln!("casebook: {e}");
            Ok(2)
        }
        Err(e) => Err(e),
    }
}

/// Reads an input file, refusing one larger than a collection file can be.
fn read_in(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    crate::collection::save::read_collection_file(path)
}

/// Writes an export and says where.
pub(super) fn write_out(path: &std::path::Path, bytes: &[u8]) -> Result<i32, Error> {
    crate::collection::save::write_whole(path, bytes)?;
    eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(0)
}
