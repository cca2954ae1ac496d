//! `profile`: where a request's time goes, per query kind, on an index that already exists.
//!
//! Opens the engine on a built data folder (no build, no baseline), answers the query set
//! `passes` times and prints, per kind, the median and p95 of the best pass of each query,
//! then the slowest queries. Meant to run under `perf record` or with `CASEBOOK_TRACE`.

use crate::queries::{Kind, Query};
use crate::stats::{median, percentile};
use anyhow::{Context, Result, anyhow};
use casebook::Engine;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// Answers `queries` `passes` times on the engine of `cases`/`data` and prints the figures.
pub fn profile(cases: &Path, data: &Path, queries: &Path, passes: usize) -> Result<()> {
    let text = std::fs::read_to_string(queries)
        .with_context(|| format!("cannot read {}", queries.display()))?;
    let queries: Vec<Query> = serde_json::from_str(&text).context("query file")?;
    let t0 = Instant::now();
    let engine = Engine::open(cases, data).map_err(|e| anyhow!("open: {e}"))?;
    println!("open: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    // Per query, the best of its passes: the figure least disturbed by other processes.
    let mut best = vec![f64::INFINITY; queries.len()];
    for _ in 0..passes.max(1) {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            engine
                .search(&q.request())
                .map_err(|e| anyhow!("{}: {e}", q.describe()))?;
            best[i] = best[i].min(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mut by_kind: BTreeMap<Kind, Vec<f64>> = BTreeMap::new();
    for (q, ms) in queries.iter().zip(&best) {
        by_kind.entry(q.kind).or_default().push(*ms);
    }
    println!(
        "{:<14} {:>5} {:>8} {:>8} {:>8}",
        "kind", "n", "p50 ms", "p95 ms", "max ms"
    );
    let row = |name: &str, v: &[f64]| {
        println!(
            "{:<14} {:>5} {:>8.2} {:>8.2} {:>8.2}",
            name,
            v.len(),
            median(v).unwrap_or(0.0),
            percentile(v, 95.0).unwrap_or(0.0),
            v.iter().copied().fold(0.0, f64::max)
        );
    };
    for (kind, v) in &by_kind {
        row(kind.name(), v);
    }
    row("all", &best);
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by(|&a, &b| best[b].total_cmp(&best[a]));
    println!("slowest:");
    for &i in order.iter().take(12) {
        println!("{:>8.2} ms  {}", best[i], queries[i].describe());
    }
    Ok(())
}
