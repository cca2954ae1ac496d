//! The command line of `casebook-bench`.

use crate::run::{self, EngineKind, Options};
use crate::{corpus, queries, taxo};
use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "casebook-bench",
    about = "Corpus generator and benchmark of the Casebook core against a SQLite FTS5 baseline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes N generated case files (and taxonomy.yaml) into DIR.
    Gen {
        /// Number of case files (translations count as files).
        #[arg(long)]
        n: usize,
        /// Seed of the generator.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output folder (its .md files are replaced).
        #[arg(long)]
        out: PathBuf,
        /// Taxonomy file to take facet ids from [default: the repository's cases/taxonomy.yaml].
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// Prints the query set as JSON.
    Queries {
        /// About how many queries.
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// Seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Taxonomy file.
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// Runs the benchmark at each corpus size and prints a table.
    Run {
        /// Corpus sizes, comma separated.
        #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
        n: Vec<usize>,
        /// Runs per size (figures are medians over runs).
        #[arg(long, default_value_t = 1)]
        runs: usize,
        /// Seed of corpus and queries.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// About how many queries.
        #[arg(long, default_value_t = 300)]
        queries: usize,
        /// Work folder for corpora and indexes.
        #[arg(long, default_value = "target/bench-work")]
        work: PathBuf,
        /// Writes every raw figure as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// Taxonomy file.
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// CI smoke test: 1k cases, a small query set, both engines; exit 0 only if all checks pass.
    Smoke {
        /// Work folder.
        #[arg(long, default_value = "target/bench-smoke")]
        work: PathBuf,
        /// Taxonomy file.
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// Answers the query set on an index built before (by `run` or `child-build`) and prints
    /// latency per query kind and the slowest queries: the loop to run under `perf record`.
    Profile {
        /// The corpus folder.
        #[arg(long)]
        cases: PathBuf,
        /// The engine's data folder.
        #[arg(long)]
        data: PathBuf,
        /// A query file written by `queries`.
        #[arg(long)]
        queries: PathBuf,
        /// Passes over the query set (each query's best pass is reported).
        #[arg(long, default_value_t = 3)]
        passes: usize,
    },
    /// (internal) Builds one engine's index and prints its figures as JSON.
    #[command(hide = true)]
    ChildBuild {
        #[arg(long, value_enum)]
        engine: EngineKind,
        #[arg(long)]
        cases: PathBuf,
        #[arg(long)]
        data: PathBuf,
    },
    /// (internal) Opens an engine, answers a query file and prints timings and memory as JSON.
    #[command(hide = true)]
    ChildServe {
        #[arg(long, value_enum)]
        engine: EngineKind,
        #[arg(long)]
        cases: PathBuf,
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        queries: PathBuf,
        #[arg(long, default_value_t = usize::MAX)]
        limit: usize,
    },
}

/// Runs the command line and returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casebook-bench: error: {e:#}");
            1
        }
    }
}

fn load_taxonomy(path: Option<PathBuf>) -> anyhow::Result<taxo::TaxonomyIds> {
    taxo::TaxonomyIds::load(&path.unwrap_or_else(taxo::default_path))
}

fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Gen {
            n,
            seed,
            out,
            taxonomy,
        } => {
            let tax = load_taxonomy(taxonomy)?;
            let s = corpus::generate(n, seed, &out, &tax)?;
            println!(
                "wrote {} files ({} cases, {} Japanese) of {:.1} MB into {} in {:.2} s",
                s.files,
                s.cases,
                s.ja_files,
                s.bytes as f64 / 1e6,
                out.display(),
                s.secs
            );
            Ok(0)
        }
        Command::Queries {
            count,
            seed,
            taxonomy,
        } => {
            let tax = load_taxonomy(taxonomy)?;
            let qs = queries::generate(count, seed, &tax);
            println!("{}", serde_json::to_string_pretty(&qs)?);
            Ok(0)
        }
        Command::Run {
            n,
            runs,
            seed,
            queries,
            work,
            json,
            taxonomy,
        } => {
            if n.is_empty() || n.contains(&0) {
                bail!("--n needs one or more corpus sizes above 0");
            }
            if runs == 0 {
                bail!("--runs must be at least 1");
            }
            let opts = Options {
                sizes: n,
                runs,
                seed,
                queries,
                work,
                taxonomy: load_taxonomy(taxonomy)?,
                saves: 20,
                batch: 500,
            };
            let all = run::run_all(&opts)?;
            println!("{}", run::table(&all));
            print!("{}", run::problems(&all));
            if let Some(path) = json {
                std::fs::write(&path, serde_json::to_string_pretty(&all)?)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                println!("raw figures written to {}", path.display());
            }
            Ok(0)
        }
        Command::Smoke { work, taxonomy } => {
            let opts = Options {
                sizes: vec![1000],
                runs: 1,
                seed: 7,
                queries: 60,
                work,
                taxonomy: load_taxonomy(taxonomy)?,
                saves: 5,
                batch: 100,
            };
            let all = run::run_all(&opts)?;
            println!("{}", run::table(&all));
            print!("{}", run::problems(&all));
            let (passed, failed, failures) = run::smoke_checks(&all);
            for f in &failures {
                println!("FAILED: {f}");
            }
            println!("bench smoke: {passed} passed, {failed} failed");
            Ok(if failed == 0 { 0 } else { 1 })
        }
        Command::Profile {
            cases,
            data,
            queries,
            passes,
        } => {
            crate::profile::profile(&cases, &data, &queries, passes)?;
            Ok(0)
        }
        Command::ChildBuild {
            engine,
            cases,
            data,
        } => {
            run::child_build(engine, &cases, &data)?;
            Ok(0)
        }
        Command::ChildServe {
            engine,
            cases,
            data,
            queries,
            limit,
        } => {
            run::child_serve(engine, &cases, &data, &queries, limit)?;
            Ok(0)
        }
    }
}
