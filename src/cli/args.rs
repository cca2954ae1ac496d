//! The command line's arguments and subcommands, as clap derives them. The help texts are the
//! doc comments below, so they read as the user sees them in `casebook --help`.

use super::{collection, explore};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Offline knowledge base of climate-action case studies from leading cities.
#[derive(Parser, Debug)]
#[command(name = "casebook", version, about, disable_help_subcommand = true)]
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Command,
}

/// Where the library and the data live.
#[derive(Args, Debug, Clone)]
pub(super) struct Place {
    /// Cases folder [default: the bundled `cases/`]
    #[arg(long, value_name = "DIR", global = true)]
    pub(super) cases: Option<PathBuf>,
    /// Folder for the index and user data [default: the platform data folder]
    #[arg(long, value_name = "DIR", global = true)]
    pub(super) data: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
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
pub(super) struct SearchArgs {
    /// Words to search for; empty browses everything
    pub(super) query: Vec<String>,
    /// Hazard id (repeatable; a parent includes its children)
    #[arg(long, value_name = "ID")]
    pub(super) hazard: Vec<String>,
    /// Sector id (repeatable)
    #[arg(long, value_name = "ID")]
    pub(super) sector: Vec<String>,
    /// Measure id (repeatable)
    #[arg(long, value_name = "ID")]
    pub(super) measure: Vec<String>,
    /// Region id (repeatable)
    #[arg(long, value_name = "ID")]
    pub(super) region: Vec<String>,
    /// Country code (repeatable)
    #[arg(long, value_name = "CC")]
    pub(super) country: Vec<String>,
    /// Programme id (repeatable)
    #[arg(long, value_name = "ID")]
    pub(super) programme: Vec<String>,
    /// Case type
    #[arg(long = "type", value_name = "T", value_parser = ["adaptation", "mitigation", "both"])]
    pub(super) case_type: Vec<String>,
    /// Status
    #[arg(long, value_name = "S", value_parser = ["planned", "ongoing", "completed"])]
    pub(super) status: Vec<String>,
    /// Language of the case files
    #[arg(long, value_name = "LANG")]
    pub(super) lang: Vec<String>,
    /// Earliest start year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=3000))]
    pub(super) from: Option<i32>,
    /// Latest start year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=3000))]
    pub(super) to: Option<i32>,
    /// Number of hits
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub(super) limit: u32,
    /// Hits to skip
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub(super) offset: usize,
    /// Language of facet labels
    #[arg(long, value_name = "LANG", default_value = "en")]
    pub(super) ui_lang: String,
    /// Also list suggestions that complete the query (what the search box shows)
    #[arg(long)]
    pub(super) suggest: bool,
    /// Print as JSON
    #[arg(long)]
    pub(super) json: bool,
    /// Write the results to a file in this format instead (one row per case)
    #[arg(long, value_name = "FORMAT", value_parser = ["csv", "json"], requires = "out")]
    pub(super) format: Option<String>,
    /// File for `--format`
    #[arg(long, value_name = "FILE", requires = "format")]
    pub(super) out: Option<PathBuf>,
    #[command(flatten)]
    pub(super) place: Place,
}
