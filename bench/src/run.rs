//! The benchmark: builds both engines over a generated corpus, answers the query set with each,
//! measures saves, opens and memory, checks that the engines agree, and reports.
//!
//! Builds and memory are measured in child processes (this binary re-executed with a hidden
//! subcommand) so each figure belongs to one engine and one phase: the child reads its own
//! `VmHWM`, `RssAnon` and `RssFile` from `/proc/self/status` and prints JSON on its last line.

use crate::agree::{self, Verdict};
use crate::corpus;
use crate::fts::{Fts, FtsResponse};
use crate::queries::{self, Query};
use crate::stats::{Summary, median};
use crate::taxo::TaxonomyIds;
use anyhow::{Context, Result, anyhow, bail};
use casebook::{Engine, SearchRequest, SearchResponse};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Which engine a child process works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
pub enum EngineKind {
    /// The Casebook core, through `casebook::Engine`.
    Casebook,
    /// The SQLite FTS5 baseline.
    Fts5,
}

/// What a build child reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BuildFigures {
    /// Seconds from open to a committed, searchable index.
    pub secs: f64,
    /// Documents indexed.
    pub docs: usize,
    /// Files left out as invalid.
    pub invalid: usize,
    /// Peak resident memory of the child, KiB.
    pub hwm_kb: u64,
}

/// What a serving child reports.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServeFigures {
    /// Milliseconds from the start of the open to the first response (cold: new process).
    pub open_first_ms: f64,
    /// Anonymous resident memory after answering the query set, KiB.
    pub rss_anon_kb: u64,
    /// File-backed resident memory (mapped index files, the binary), KiB.
    pub rss_file_kb: u64,
    /// Peak resident memory, KiB.
    pub hwm_kb: u64,
    /// Requests that failed.
    pub errors: usize,
}

/// Figures of one engine in one run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EngineFigures {
    /// The build.
    pub build: BuildFigures,
    /// Bytes of the index on disk.
    pub index_bytes: u64,
    /// Per-query latency of the full request, ms (warm, single-threaded), in query-set order;
    /// NaN for a failed request.
    pub latencies_ms: Vec<f64>,
    /// Summary of `latencies_ms`.
    pub latency: Summary,
    /// Failed requests (with the first messages).
    pub errors: Vec<String>,
    /// One saved file searchable, ms per save.
    pub save_ms: Vec<f64>,
    /// Summary of `save_ms`.
    pub save: Summary,
    /// Saves whose change the search did not see.
    pub saves_not_seen: usize,
    /// 500 changed files searchable, ms.
    pub batch_ms: f64,
    /// Changed files the search found after the batch update (should be all of them).
    pub batch_found: u64,
    /// Files changed in the batch.
    pub batch_files: usize,
    /// Open plus first query in a new process.
    pub serve: ServeFigures,
    /// Open plus first query again in this (warm) process, ms.
    pub warm_open_first_ms: f64,
}

/// One run at one corpus size.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunFigures {
    /// Case files.
    pub n: usize,
    /// Corpus statistics.
    pub corpus: corpus::CorpusStats,
    /// The core.
    pub casebook: EngineFigures,
    /// The baseline.
    pub fts5: EngineFigures,
    /// FTS5 time / casebook time per query (both succeeded).
    pub ratios: Vec<f64>,
    /// p50 of `ratios`.
    pub ratio_p50: f64,
    /// Sum of FTS5 times / sum of casebook times.
    pub ratio_overall: f64,
    /// Queries whose totals were compared.
    pub compared: usize,
    /// Compared queries whose totals agreed.
    pub agreed: usize,
    /// Disagreements and the queries left out of the comparison, with reasons.
    pub disagreements: Vec<String>,
    /// Queries left out of the comparison, by reason.
    pub excluded: BTreeMap<String, usize>,
    /// Per kind: (casebook p50 ms, fts5 p50 ms, count).
    pub per_kind: BTreeMap<String, (f64, f64, usize)>,
    /// The slowest casebook requests (ms, description).
    pub slowest: Vec<(f64, String)>,
    /// 1-minute load average at the start and the end of the run (other work on the machine).
    pub loadavg: (f64, f64),
}

fn loadavg() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

/// Options of a benchmark run.
pub struct Options {
    /// Corpus sizes.
    pub sizes: Vec<usize>,
    /// Runs per size.
    pub runs: usize,
    /// Seed of corpus and queries.
    pub seed: u64,
    /// Number of queries (about).
    pub queries: usize,
    /// Work folder (corpora, indexes).
    pub work: PathBuf,
    /// Taxonomy.
    pub taxonomy: TaxonomyIds,
    /// Saves to time.
    pub saves: usize,
    /// Files in the batch update.
    pub batch: usize,
}

fn proc_status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field).and_then(|r| r.strip_prefix(':')))
        .and_then(|r| r.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn dir_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => stack.push(e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// Child: builds one engine's index and prints [`BuildFigures`] as JSON.
pub fn child_build(engine: EngineKind, cases: &Path, data: &Path) -> Result<()> {
    let t0 = Instant::now();
    let fig = match engine {
        EngineKind::Casebook => {
            let e = Engine::open(cases, data).map_err(|e| anyhow!("open: {e}"))?;
            let r = e.index().map_err(|e| anyhow!("index: {e}"))?;
            BuildFigures {
                secs: t0.elapsed().as_secs_f64(),
                docs: r.indexed,
                invalid: r.invalid,
                hwm_kb: proc_status_kb("VmHWM"),
            }
        }
        EngineKind::Fts5 => {
            let b = Fts::build(cases, &data.join("fts5.db"))?;
            BuildFigures {
                secs: t0.elapsed().as_secs_f64(),
                docs: b.docs,
                invalid: b.invalid,
                hwm_kb: proc_status_kb("VmHWM"),
            }
        }
    };
    println!("{}", serde_json::to_string(&fig)?);
    Ok(())
}

/// One engine behind one interface, for timing.
enum Searcher {
    Casebook(Box<Engine>),
    Fts5(Fts),
}

/// What the comparison needs from either engine's answer.
enum Answer {
    Casebook(SearchResponse),
    Fts5(FtsResponse),
}

impl Answer {
    fn total(&self) -> u64 {
        match self {
            Answer::Casebook(r) => r.total,
            Answer::Fts5(r) => r.total,
        }
    }
}

impl Searcher {
    fn open(kind: EngineKind, cases: &Path, data: &Path) -> Result<Searcher> {
        Ok(match kind {
            EngineKind::Casebook => Searcher::Casebook(Box::new(
                Engine::open(cases, data).map_err(|e| anyhow!("open: {e}"))?,
            )),
            EngineKind::Fts5 => Searcher::Fts5(Fts::open(cases, &data.join("fts5.db"))?),
        })
    }

    fn search(&self, req: &SearchRequest) -> Result<Answer> {
        match self {
            Searcher::Casebook(e) => e
                .search(req)
                .map(Answer::Casebook)
                .map_err(|e| anyhow!("{e}")),
            Searcher::Fts5(f) => f.search(req).map(Answer::Fts5),
        }
    }

    fn update(&mut self, paths: &[PathBuf]) -> Result<()> {
        match self {
            Searcher::Casebook(e) => e
                .update_paths(paths)
                .map(|_| ())
                .map_err(|e| anyhow!("update_paths: {e}")),
            Searcher::Fts5(f) => f.update_paths(paths),
        }
    }
}

/// Child: opens an engine, times open plus the first query, answers the whole query set and
/// prints [`ServeFigures`] with its memory as JSON.
pub fn child_serve(
    engine: EngineKind,
    cases: &Path,
    data: &Path,
    queries: &Path,
    limit: usize,
) -> Result<()> {
    let text = std::fs::read_to_string(queries)
        .with_context(|| format!("cannot read {}", queries.display()))?;
    let queries: Vec<Query> = serde_json::from_str(&text).context("query file")?;
    let first = queries
        .first()
        .ok_or_else(|| anyhow!("empty query set"))?
        .request();
    let t0 = Instant::now();
    let s = Searcher::open(engine, cases, data)?;
    let mut errors = usize::from(s.search(&first).is_err());
    let open_first_ms = t0.elapsed().as_secs_f64() * 1e3;
    for q in queries.iter().take(limit) {
        errors += usize::from(s.search(&q.request()).is_err());
    }
    let fig = ServeFigures {
        open_first_ms,
        rss_anon_kb: proc_status_kb("RssAnon"),
        rss_file_kb: proc_status_kb("RssFile"),
        hwm_kb: proc_status_kb("VmHWM"),
        errors,
    };
    println!("{}", serde_json::to_string(&fig)?);
    Ok(())
}

fn run_child<T: for<'de> Deserialize<'de>>(args: &[&std::ffi::OsStr]) -> Result<T> {
    let exe = std::env::current_exe().context("cannot find this executable")?;
    let out = Command::new(&exe)
        .args(args)
        .output()
        .with_context(|| format!("cannot run {}", exe.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "child {:?} failed ({}): {}",
            args,
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let last = stdout.lines().last().unwrap_or("");
    serde_json::from_str(last).with_context(|| format!("child printed {last:?}"))
}

fn engine_arg(kind: EngineKind) -> &'static str {
    match kind {
        EngineKind::Casebook => "casebook",
        EngineKind::Fts5 => "fts5",
    }
}

/// Times the query set on one engine: a warm-up pass over the first `warm_up` queries, then
/// one timed pass over all.
fn time_queries(
    s: &Searcher,
    queries: &[Query],
    warm_up: usize,
) -> (Vec<f64>, Vec<Option<Answer>>, Vec<String>) {
    for q in queries.iter().take(warm_up) {
        let _ = s.search(&q.request());
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut answers = Vec::with_capacity(queries.len());
    let mut errors = Vec::new();
    for q in queries {
        let req = q.request();
        let t = Instant::now();
        let r = s.search(&req);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        match r {
            Ok(a) => {
                times.push(ms);
                answers.push(Some(a));
            }
            Err(e) => {
                times.push(f64::NAN);
                answers.push(None);
                if errors.len() < 20 {
                    errors.push(format!("{}: {e}", q.describe()));
                } else {
                    errors.push(String::new());
                }
            }
        }
    }
    (times, answers, errors)
}

/// A word that occurs in no generated file (pseudo-words never start with `q`), unique per
/// `tag` and `k`.
fn marker(tag: &str, k: usize) -> String {
    let mut s = format!("qx{tag}");
    let mut k = k;
    loop {
        s.push((b'a' + (k % 26) as u8) as char);
        k /= 26;
        if k == 0 {
            break;
        }
    }
    s
}

/// Appends a paragraph with `word` to the case file at `path` (what an editor's save does).
fn touch(path: &Path, word: &str) -> Result<()> {
    let mut text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.push_str(&format!("\nRevised after review: {word}.\n"));
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn measure_updates(
    s: &mut Searcher,
    files: &[PathBuf],
    tag: &str,
    saves: usize,
    batch: usize,
    fig: &mut EngineFigures,
) -> Result<()> {
    // Single saves: spread over the corpus, English and Japanese alike.
    let step = (files.len() / saves.max(1)).max(1);
    for k in 0..saves.min(files.len()) {
        let path = &files[(k * step + 7) % files.len()];
        let word = marker(&format!("{tag}s"), k);
        touch(path, &word)?;
        let t = Instant::now();
        s.update(std::slice::from_ref(path))?;
        let found = s.search(&SearchRequest {
            query: word.clone(),
            limit: 10,
            ..Default::default()
        })?;
        fig.save_ms.push(t.elapsed().as_secs_f64() * 1e3);
        if found.total() == 0 {
            fig.saves_not_seen += 1;
        }
    }
    fig.save = Summary::of(&fig.save_ms);
    // One batch of changed files (a git pull, a sync), all with the same new word.
    let word = marker(&format!("{tag}b"), 0);
    let step = (files.len() / batch.max(1)).max(1);
    let chosen: Vec<PathBuf> = (0..batch.min(files.len()))
        .map(|k| files[(k * step + 3) % files.len()].clone())
        .collect();
    for p in &chosen {
        touch(p, &word)?;
    }
    fig.batch_files = chosen.len();
    let t = Instant::now();
    s.update(&chosen)?;
    let found = s.search(&SearchRequest {
        query: word,
        limit: 10,
        ..Default::default()
    })?;
    fig.batch_ms = t.elapsed().as_secs_f64() * 1e3;
    fig.batch_found = found.total();
    Ok(())
}

/// Runs everything for one corpus size once.
pub fn run_once(opts: &Options, n: usize, run: usize, queries: &[Query]) -> Result<RunFigures> {
    let base = opts.work.join(format!("n{n}"));
    let cases = base.join("cases");
    let cb_data = base.join("casebook-data");
    let fts_data = base.join("fts5-data");
    for d in [&cb_data, &fts_data] {
        if d.exists() {
            std::fs::remove_dir_all(d).with_context(|| format!("cannot remove {}", d.display()))?;
        }
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    eprintln!("[n={n} run {run}] generating corpus");
    let stats = corpus::generate(n, opts.seed, &cases, &opts.taxonomy)?;
    let qfile = base.join("queries.json");
    std::fs::write(&qfile, serde_json::to_string(queries)?)
        .with_context(|| format!("cannot write {}", qfile.display()))?;
    let mut fig = RunFigures {
        n,
        corpus: stats,
        ..Default::default()
    };
    fig.loadavg.0 = loadavg();

    for (kind, data, out) in [
        (EngineKind::Casebook, &cb_data, &mut fig.casebook),
        (EngineKind::Fts5, &fts_data, &mut fig.fts5),
    ] {
        eprintln!("[n={n} run {run}] building {}", engine_arg(kind));
        match run_child::<BuildFigures>(&[
            "child-build".as_ref(),
            "--engine".as_ref(),
            engine_arg(kind).as_ref(),
            "--cases".as_ref(),
            cases.as_os_str(),
            "--data".as_ref(),
            data.as_os_str(),
        ]) {
            Ok(b) => out.build = b,
            Err(e) => out.errors.push(format!("build: {e:#}")),
        }
        out.index_bytes = dir_bytes(data);
    }

    // Warm latencies in this process, one engine at a time.
    let mut answers: Vec<Vec<Option<Answer>>> = Vec::new();
    for (kind, data) in [
        (EngineKind::Casebook, &cb_data),
        (EngineKind::Fts5, &fts_data),
    ] {
        eprintln!("[n={n} run {run}] querying {}", engine_arg(kind));
        let out = match kind {
            EngineKind::Casebook => &mut fig.casebook,
            EngineKind::Fts5 => &mut fig.fts5,
        };
        match Searcher::open(kind, &cases, data) {
            Ok(s) => {
                // The baseline takes seconds per request at 100k: its warm-up is shortened
                // there (its pages are in the OS cache after the build anyway).
                let warm_up = match kind {
                    EngineKind::Fts5 if n > 10_000 => 50,
                    _ => queries.len(),
                };
                let (t, a, e) = time_queries(&s, queries, warm_up);
                let ok: Vec<f64> = t.iter().copied().filter(|x| !x.is_nan()).collect();
                out.latency = Summary::of(&ok);
                out.latencies_ms = t;
                out.errors.extend(e);
                answers.push(a);
                drop(s);
                // Warm open: the same process opens again and answers the first query.
                if let Some(first) = queries.first() {
                    let t0 = Instant::now();
                    if let Ok(s2) = Searcher::open(kind, &cases, data) {
                        let _ = s2.search(&first.request());
                        out.warm_open_first_ms = t0.elapsed().as_secs_f64() * 1e3;
                    }
                }
            }
            Err(e) => {
                out.errors.push(format!("open: {e:#}"));
                answers.push(queries.iter().map(|_| None).collect());
            }
        }
    }

    // Ratios and agreement.
    let (cb_ans, fts_ans) = (&answers[0], &answers[1]);
    let mut sum_cb = 0.0;
    let mut sum_fts = 0.0;
    let classifier = agree::Classifier::new();
    let mut per_kind: BTreeMap<String, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for (k, q) in queries.iter().enumerate() {
        let (tc, tf) = (fig.casebook.latencies_ms[k], fig.fts5.latencies_ms[k]);
        let e = per_kind.entry(q.kind.name().to_string()).or_default();
        if !tc.is_nan() {
            e.0.push(tc);
        }
        if !tf.is_nan() {
            e.1.push(tf);
        }
        if !tc.is_nan() && !tf.is_nan() && tc > 0.0 {
            fig.ratios.push(tf / tc);
            sum_cb += tc;
            sum_fts += tf;
        }
        let (Some(Some(c)), Some(Some(f))) = (cb_ans.get(k), fts_ans.get(k)) else {
            continue;
        };
        let corrected = match c {
            Answer::Casebook(r) => r.corrected.is_some(),
            Answer::Fts5(_) => false,
        };
        match classifier.verdict(q) {
            Verdict::Excluded(reason) => {
                *fig.excluded.entry(reason.to_string()).or_default() += 1;
                if c.total() != f.total() && fig.disagreements.len() < 60 {
                    fig.disagreements.push(format!(
                        "(not compared: {reason}) {}: casebook {} vs fts5 {}",
                        q.describe(),
                        c.total(),
                        f.total()
                    ));
                }
            }
            Verdict::Compare => {
                fig.compared += 1;
                // A typo-corrected answer stands for "the query as typed found nothing".
                let cb_total = if corrected { 0 } else { c.total() };
                if cb_total == f.total() {
                    fig.agreed += 1;
                } else {
                    fig.disagreements.push(format!(
                        "DISAGREE {}: casebook {} vs fts5 {}",
                        q.describe(),
                        cb_total,
                        f.total()
                    ));
                }
            }
        }
    }
    fig.ratio_p50 = crate::stats::percentile(&fig.ratios, 50.0).unwrap_or(0.0);
    fig.ratio_overall = if sum_cb > 0.0 { sum_fts / sum_cb } else { 0.0 };
    for (kind, (c, f)) in per_kind {
        let count = c.len().max(f.len());
        fig.per_kind.insert(
            kind,
            (
                crate::stats::percentile(&c, 50.0).unwrap_or(f64::NAN),
                crate::stats::percentile(&f, 50.0).unwrap_or(f64::NAN),
                count,
            ),
        );
    }
    let mut slow: Vec<(f64, String)> = queries
        .iter()
        .zip(&fig.casebook.latencies_ms)
        .filter(|(_, t)| !t.is_nan())
        .map(|(q, t)| (*t, q.describe()))
        .collect();
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    slow.truncate(8);
    fig.slowest = slow;

    // Memory and cold open of a process that only serves queries.
    for (kind, data) in [
        (EngineKind::Casebook, &cb_data),
        (EngineKind::Fts5, &fts_data),
    ] {
        eprintln!("[n={n} run {run}] serving child {}", engine_arg(kind));
        let out = match kind {
            EngineKind::Casebook => &mut fig.casebook,
            EngineKind::Fts5 => &mut fig.fts5,
        };
        match run_child::<ServeFigures>(&[
            "child-serve".as_ref(),
            "--engine".as_ref(),
            engine_arg(kind).as_ref(),
            "--cases".as_ref(),
            cases.as_os_str(),
            "--data".as_ref(),
            data.as_os_str(),
            "--queries".as_ref(),
            qfile.as_os_str(),
            "--limit".as_ref(),
            // The baseline's serving child answers a slice of the set at 100k (see warm-up).
            if kind == EngineKind::Fts5 && n > 10_000 {
                "60"
            } else {
                "100000"
            }
            .as_ref(),
        ]) {
            Ok(s) => out.serve = s,
            Err(e) => out.errors.push(format!("serve: {e:#}")),
        }
    }

    // Saves last: they change the corpus. Each engine sees its own edits (distinct words).
    let files = corpus::markdown_files(&cases)?;
    for (kind, data) in [
        (EngineKind::Casebook, &cb_data),
        (EngineKind::Fts5, &fts_data),
    ] {
        eprintln!("[n={n} run {run}] saves {}", engine_arg(kind));
        let out = match kind {
            EngineKind::Casebook => &mut fig.casebook,
            EngineKind::Fts5 => &mut fig.fts5,
        };
        let tag = format!("{}{}", &engine_arg(kind)[..1], run);
        let r = Searcher::open(kind, &cases, data)
            .and_then(|mut s| measure_updates(&mut s, &files, &tag, opts.saves, opts.batch, out));
        if let Err(e) = r {
            out.errors.push(format!("updates: {e:#}"));
        }
    }
    fig.loadavg.1 = loadavg();
    Ok(fig)
}

/// Runs the benchmark for every size and run; returns all figures.
pub fn run_all(opts: &Options) -> Result<Vec<RunFigures>> {
    // Absolute paths: `update_paths` reads relative paths as relative to the cases folder.
    std::fs::create_dir_all(&opts.work)
        .with_context(|| format!("cannot create {}", opts.work.display()))?;
    let work = std::fs::canonicalize(&opts.work)
        .with_context(|| format!("cannot resolve {}", opts.work.display()))?;
    let opts = &Options {
        sizes: opts.sizes.clone(),
        runs: opts.runs,
        seed: opts.seed,
        queries: opts.queries,
        work,
        taxonomy: opts.taxonomy.clone(),
        saves: opts.saves,
        batch: opts.batch,
    };
    let queries = queries::generate(opts.queries, opts.seed, &opts.taxonomy);
    let mut all = Vec::new();
    for &n in &opts.sizes {
        for run in 1..=opts.runs {
            all.push(run_once(opts, n, run, &queries)?);
            // Keep what is done so far: a long 100k run that is stopped still leaves figures.
            let partial = opts.work.join("partial.json");
            std::fs::write(&partial, serde_json::to_string_pretty(&all)?)
                .with_context(|| format!("cannot write {}", partial.display()))?;
        }
    }
    Ok(all)
}

fn mb(bytes: f64) -> String {
    format!("{:.1}", bytes / 1e6)
}

/// The median over runs of a figure.
fn med(runs: &[&RunFigures], f: impl Fn(&RunFigures) -> f64) -> f64 {
    median(&runs.iter().map(|r| f(r)).collect::<Vec<_>>()).unwrap_or(f64::NAN)
}

/// A readable table: one row per figure, one column per corpus size (medians over runs).
pub fn table(all: &[RunFigures]) -> String {
    let mut sizes: Vec<usize> = all.iter().map(|r| r.n).collect();
    sizes.dedup();
    let groups: Vec<Vec<&RunFigures>> = sizes
        .iter()
        .map(|n| all.iter().filter(|r| r.n == *n).collect())
        .collect();
    type Row = (&'static str, Box<dyn Fn(&[&RunFigures]) -> String>);
    let f1 = |v: f64| format!("{v:.1}");
    let f2 = |v: f64| format!("{v:.2}");
    let rows: Vec<Row> = vec![
        ("runs", Box::new(|g| g.len().to_string())),
        (
            "corpus files (ja)",
            Box::new(|g| format!("{} ({})", g[0].corpus.files, g[0].corpus.ja_files)),
        ),
        (
            "corpus markdown MB",
            Box::new(|g| mb(g[0].corpus.bytes as f64)),
        ),
        (
            "generation s",
            Box::new(move |g| f2(med(g, |r| r.corpus.secs))),
        ),
        (
            "casebook build s",
            Box::new(move |g| f2(med(g, |r| r.casebook.build.secs))),
        ),
        (
            "casebook build docs/s",
            Box::new(|g| {
                format!(
                    "{:.0}",
                    med(g, |r| r.casebook.build.docs as f64
                        / r.casebook.build.secs.max(1e-9))
                )
            }),
        ),
        (
            "casebook index MB (x md)",
            Box::new(|g| {
                format!(
                    "{} ({:.2}x)",
                    mb(med(g, |r| r.casebook.index_bytes as f64)),
                    med(g, |r| r.casebook.index_bytes as f64
                        / r.corpus.bytes.max(1) as f64)
                )
            }),
        ),
        (
            "casebook build peak MB",
            Box::new(|g| format!("{:.0}", med(g, |r| r.casebook.build.hwm_kb as f64 / 1024.0))),
        ),
        (
            "fts5 build s",
            Box::new(move |g| f2(med(g, |r| r.fts5.build.secs))),
        ),
        (
            "fts5 build docs/s",
            Box::new(|g| {
                format!(
                    "{:.0}",
                    med(g, |r| r.fts5.build.docs as f64
                        / r.fts5.build.secs.max(1e-9))
                )
            }),
        ),
        (
            "fts5 index MB (x md)",
            Box::new(|g| {
                format!(
                    "{} ({:.2}x)",
                    mb(med(g, |r| r.fts5.index_bytes as f64)),
                    med(g, |r| r.fts5.index_bytes as f64
                        / r.corpus.bytes.max(1) as f64)
                )
            }),
        ),
        (
            "fts5 build peak MB",
            Box::new(|g| format!("{:.0}", med(g, |r| r.fts5.build.hwm_kb as f64 / 1024.0))),
        ),
        (
            "queries (casebook errors)",
            Box::new(|g| {
                format!(
                    "{} ({})",
                    g[0].casebook.latencies_ms.len(),
                    g.iter()
                        .map(|r| r
                            .casebook
                            .latencies_ms
                            .iter()
                            .filter(|t| t.is_nan())
                            .count())
                        .max()
                        .unwrap_or(0)
                )
            }),
        ),
        (
            "casebook p50 ms",
            Box::new(move |g| f2(med(g, |r| r.casebook.latency.p50))),
        ),
        (
            "casebook p95 ms",
            Box::new(move |g| f2(med(g, |r| r.casebook.latency.p95))),
        ),
        (
            "casebook p99 ms",
            Box::new(move |g| f2(med(g, |r| r.casebook.latency.p99))),
        ),
        (
            "casebook max ms",
            Box::new(move |g| f2(med(g, |r| r.casebook.latency.max))),
        ),
        (
            "fts5 p50 ms",
            Box::new(move |g| f2(med(g, |r| r.fts5.latency.p50))),
        ),
        (
            "fts5 p95 ms",
            Box::new(move |g| f2(med(g, |r| r.fts5.latency.p95))),
        ),
        (
            "fts5 p99 ms",
            Box::new(move |g| f2(med(g, |r| r.fts5.latency.p99))),
        ),
        (
            "fts5 max ms",
            Box::new(move |g| f2(med(g, |r| r.fts5.latency.max))),
        ),
        (
            "ratio fts5/casebook p50",
            Box::new(move |g| f1(med(g, |r| r.ratio_p50))),
        ),
        (
            "ratio fts5/casebook overall",
            Box::new(move |g| f1(med(g, |r| r.ratio_overall))),
        ),
        (
            "totals agree (compared)",
            Box::new(|g| {
                g.iter()
                    .map(|r| format!("{}/{}", r.agreed, r.compared))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        ),
        (
            "casebook save p50 ms",
            Box::new(move |g| f1(med(g, |r| r.casebook.save.p50))),
        ),
        (
            "casebook save p95 ms",
            Box::new(move |g| f1(med(g, |r| r.casebook.save.p95))),
        ),
        (
            "casebook saves not seen",
            Box::new(|g| {
                g.iter()
                    .map(|r| r.casebook.saves_not_seen)
                    .sum::<usize>()
                    .to_string()
            }),
        ),
        (
            "casebook 500 changed ms (found)",
            Box::new(|g| {
                format!(
                    "{:.0} ({})",
                    med(g, |r| r.casebook.batch_ms),
                    g.iter().map(|r| r.casebook.batch_found).min().unwrap_or(0)
                )
            }),
        ),
        (
            "fts5 save p50 / p95 ms",
            Box::new(move |g| {
                format!(
                    "{:.1} / {:.1}",
                    med(g, |r| r.fts5.save.p50),
                    med(g, |r| r.fts5.save.p95)
                )
            }),
        ),
        (
            "fts5 500 changed ms (found)",
            Box::new(|g| {
                format!(
                    "{:.0} ({})",
                    med(g, |r| r.fts5.batch_ms),
                    g.iter().map(|r| r.fts5.batch_found).min().unwrap_or(0)
                )
            }),
        ),
        (
            "casebook cold open+query ms",
            Box::new(move |g| f1(med(g, |r| r.casebook.serve.open_first_ms))),
        ),
        (
            "casebook warm open+query ms",
            Box::new(move |g| f1(med(g, |r| r.casebook.warm_open_first_ms))),
        ),
        (
            "fts5 cold / warm open+query ms",
            Box::new(move |g| {
                format!(
                    "{:.1} / {:.1}",
                    med(g, |r| r.fts5.serve.open_first_ms),
                    med(g, |r| r.fts5.warm_open_first_ms)
                )
            }),
        ),
        (
            "casebook serving RssAnon MB",
            Box::new(move |g| f1(med(g, |r| r.casebook.serve.rss_anon_kb as f64 / 1024.0))),
        ),
        (
            "casebook serving RssFile MB",
            Box::new(move |g| f1(med(g, |r| r.casebook.serve.rss_file_kb as f64 / 1024.0))),
        ),
        (
            "fts5 serving RssAnon / RssFile MB",
            Box::new(move |g| {
                format!(
                    "{:.1} / {:.1}",
                    med(g, |r| r.fts5.serve.rss_anon_kb as f64 / 1024.0),
                    med(g, |r| r.fts5.serve.rss_file_kb as f64 / 1024.0)
                )
            }),
        ),
    ];
    let mut out = String::new();
    out.push_str(&format!("{:<36}", "figure (median of runs)"));
    for n in &sizes {
        out.push_str(&format!(" | {:>18}", format!("N = {n}")));
    }
    out.push('\n');
    out.push_str(&"-".repeat(36 + sizes.len() * 21));
    out.push('\n');
    for (name, f) in &rows {
        out.push_str(&format!("{name:<36}"));
        for g in &groups {
            out.push_str(&format!(" | {:>18}", f(g)));
        }
        out.push('\n');
    }
    // Per-kind p50s of the last size (where the differences show).
    if let Some(g) = groups.last() {
        out.push_str(&format!(
            "\np50 ms by query kind at N = {} (casebook / fts5, count):\n",
            g[0].n
        ));
        for (kind, (c, f, count)) in &g[0].per_kind {
            out.push_str(&format!("  {kind:<14} {c:>8.2} / {f:>8.2}  ({count})\n"));
        }
        out.push_str("slowest casebook requests:\n");
        for (t, d) in &g[0].slowest {
            out.push_str(&format!("  {t:>8.2} ms  {d}\n"));
        }
    }
    out
}

/// Prints disagreements and errors of every run (for the report).
pub fn problems(all: &[RunFigures]) -> String {
    let mut out = String::new();
    for r in all {
        for e in r.casebook.errors.iter().filter(|e| !e.is_empty()).take(10) {
            out.push_str(&format!("n={} casebook error: {e}\n", r.n));
        }
        for e in r.fts5.errors.iter().filter(|e| !e.is_empty()).take(10) {
            out.push_str(&format!("n={} fts5 error: {e}\n", r.n));
        }
        if !r.excluded.is_empty() {
            out.push_str(&format!("n={} not compared: {:?}\n", r.n, r.excluded));
        }
        for d in r.disagreements.iter().take(25) {
            out.push_str(&format!("n={} {d}\n", r.n));
        }
    }
    out
}

/// The result of the smoke test: checks passed and failed, with the failures.
pub fn smoke_checks(all: &[RunFigures]) -> (usize, usize, Vec<String>) {
    let mut passed = 0;
    let mut failed = Vec::new();
    for r in all {
        let mut check = |ok: bool, what: String| {
            if ok {
                passed += 1;
            } else {
                failed.push(what);
            }
        };
        check(
            r.casebook.build.docs > 0,
            format!("n={}: casebook indexed nothing", r.n),
        );
        check(
            r.fts5.build.docs > 0,
            format!("n={}: fts5 indexed nothing", r.n),
        );
        let cb_errors = r.casebook.errors.iter().filter(|e| !e.is_empty()).count()
            + r.casebook
                .latencies_ms
                .iter()
                .filter(|t| t.is_nan())
                .count();
        check(
            cb_errors == 0,
            format!("n={}: {cb_errors} casebook errors", r.n),
        );
        let fts_errors = r.fts5.errors.len();
        check(
            fts_errors == 0,
            format!("n={}: {fts_errors} fts5 errors", r.n),
        );
        check(r.compared > 0, format!("n={}: no query was compared", r.n));
        // One check over all compared queries: every one of them must agree. The
        // disagreements themselves are listed as the failure's detail.
        let disagree: Vec<&String> = r
            .disagreements
            .iter()
            .filter(|d| d.starts_with("DISAGREE"))
            .collect();
        check(
            r.agreed == r.compared && disagree.is_empty(),
            format!(
                "n={}: {} of {} compared queries disagree{}",
                r.n,
                r.compared - r.agreed.min(r.compared),
                r.compared,
                disagree
                    .iter()
                    .take(10)
                    .map(|d| format!("\n  {d}"))
                    .collect::<String>()
            ),
        );
        check(
            r.casebook.saves_not_seen == 0 && !r.casebook.save_ms.is_empty(),
            format!(
                "n={}: casebook did not find {} saved files",
                r.n, r.casebook.saves_not_seen
            ),
        );
        check(
            r.casebook.batch_files > 0 && r.casebook.batch_found as usize == r.casebook.batch_files,
            format!(
                "n={}: casebook found {} of the changed files",
                r.n, r.casebook.batch_found
            ),
        );
        check(
            r.fts5.saves_not_seen == 0
                && r.fts5.batch_files > 0
                && r.fts5.batch_found as usize == r.fts5.batch_files,
            format!("n={}: fts5 missed saved or changed files", r.n),
        );
    }
    let n_failed = failed.len();
    (passed, n_failed, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Figures of a run where everything worked and all `compared` queries agreed.
    fn healthy(compared: usize) -> RunFigures {
        let mut r = RunFigures {
            n: 10,
            compared,
            agreed: compared,
            ..RunFigures::default()
        };
        for e in [&mut r.casebook, &mut r.fts5] {
            e.build.docs = 10;
            e.save_ms = vec![1.0];
            e.batch_files = 2;
            e.batch_found = 2;
        }
        r
    }

    #[test]
    fn smoke_checks_fail_when_queries_disagree() {
        let (passed, failed, _) = smoke_checks(&[healthy(5)]);
        assert_eq!(failed, 0);
        assert!(passed > 0);
        // Agreement cannot be counted as passed checks: one query that did not agree fails
        // the run even when no disagreement line was recorded.
        let mut r = healthy(5);
        r.agreed = 4;
        let (_, failed, failures) = smoke_checks(&[r]);
        assert_eq!(failed, 1, "{failures:?}");
        assert!(failures[0].contains("1 of 5"), "{failures:?}");
        let (_, failed, _) = smoke_checks(&[healthy(0)]);
        assert_eq!(failed, 1, "nothing compared is a failure");
    }

    #[test]
    fn markers_are_unique_single_words() {
        let a = marker("cs", 0);
        let b = marker("cs", 1);
        let c = marker("cs", 26);
        assert_ne!(a, b);
        assert_ne!(b, c);
        assert!(a.chars().all(|c| c.is_ascii_lowercase()));
    }
}
