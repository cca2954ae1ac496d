//! Bringing the search index up to date with the cases folder.
//!
//! An index run is a sequence of steps, each a function below, in this order:
//!
//! 1. [`Inner::repair_if_damaged`]: the first full run of a process verifies the index files;
//! 2. `plan` (its own module): which files to look at (all, or only those the watcher named);
//! 3. a batch at a time: [`Inner::examine_batch`] examines files in parallel against the
//!    catalog, [`Inner::record`] records what it found in the state, and [`Inner::upsert`]
//!    hands the cases it parsed to the index writer at once;
//! 4. [`Inner::settle`]: the checks across files, and what the index must still change;
//! 5. [`Inner::apply_to_index`]: delete and (re)add those documents, then commit;
//! 6. [`Inner::persist`]: record the result in the state and save the catalog;
//! 7. [`Inner::report`]: say what the run did.
//!
//! Parsed cases go to the writer batch by batch, so a run holds one batch of cases in memory,
//! not the library, and each file is parsed once. A case indexed in step 3 that the checks
//! across files then refuse (a duplicate id) is deleted again in step 5, before the one
//! commit: searches never see it.
//!
//! The index is written before the catalog, so a crash in between only causes a redundant
//! reindex on the next run, never a stale index that the catalog believes current.

use super::examine::Examined;
use super::files::{read_synonyms, read_taxonomy};
use super::plan::Plan;
use super::state::{Inner, State};
use super::{IndexReport, Progress};
use crate::case::Case;
use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::index::{IndexDoc, Vocabulary};
use crate::library;
use crate::store::catalog::{self, Entry};
use crate::taxonomy::Taxonomy;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// How many files are examined, then handed to the index writer, at once (and between two
/// progress reports).
const BATCH: usize = 1024;

/// The taxonomy as read at the start of a run.
struct TaxonomyRead {
    /// The taxonomy, when usable.
    taxonomy: Option<Taxonomy>,
    /// Its problems.
    diagnostics: Vec<Diagnostic>,
    /// Its hash (with the checks' version), `None` when unreadable.
    hash: Option<String>,
    /// Whether the hash differs from the last run's: every file must then be re-checked.
    changed: bool,
}

/// What recording the examined files in the state found, and what it leaves to do.
#[derive(Default)]
struct Changes {
    /// Whether any file's id or language changed, or a file came or went: only then can the
    /// checks across files (duplicate ids, translations without an original) change.
    ids_changed: bool,
    /// Paths gone from the folder (to drop from the catalog).
    removed_paths: Vec<String>,
    /// Paths whose catalog rows must be saved.
    touched: BTreeSet<String>,
    /// Files examined and found unchanged.
    unchanged: usize,
    /// Paths to (re)index.
    to_index: Vec<String>,
    /// Paths to remove from the index.
    to_delete: Vec<String>,
}

/// Prints the time of each phase when `CASEBOOK_TRACE` is set (for profiling large libraries).
struct Trace {
    on: bool,
    t0: Instant,
}

impl Trace {
    fn new(t0: Instant) -> Trace {
        Trace {
            on: std::env::var_os("CASEBOOK_TRACE").is_some(),
            t0,
        }
    }

    fn mark(&self, phase: std::fmt::Arguments<'_>) {
        if self.on {
            eprintln!("trace: {phase} in {:?}", self.t0.elapsed());
        }
    }
}

impl Inner {
    /// Brings the index up to date: with the whole folder, or with only `only` (paths the
    /// watcher saw change). Runs are serialized.
    pub(super) fn index(
        &self,
        only: Option<&[PathBuf]>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<IndexReport> {
        let _guard = self.work.lock().unwrap_or_else(|p| p.into_inner());
        let t0 = Instant::now();
        let repaired = self.repair_if_damaged(only.is_none())?;
        let tax = self.read_taxonomy();
        let plan = self.plan(only, tax.changed);
        let trace = Trace::new(t0);
        let mut changes = Changes {
            ids_changed: plan.full,
            ..Changes::default()
        };
        let mut indexed: Vec<(String, String)> = Vec::new();
        let old_entries = self.catalog_entries(&plan);
        let total = plan.targets.len();
        let mut done = 0;
        for batch in plan.targets.chunks(BATCH) {
            let examined = self.examine_batch(batch, &plan, &tax, &old_entries);
            let fresh = self.record(examined, &mut changes);
            self.upsert(&fresh, tax.taxonomy.as_ref())?;
            indexed.extend(fresh.iter().map(|c| (c.path.clone(), c.hash.clone())));
            done += batch.len();
            progress(Progress { done, total });
        }
        trace.mark(format_args!("examined and indexed {total}"));
        self.settle(&mut changes, plan.walk_diags, &indexed);
        self.apply_to_index(&mut changes, &mut indexed, tax.taxonomy.as_ref(), &trace)?;
        let mut state = self.write_state();
        self.persist(&mut state, &mut changes, &indexed, tax)?;
        Ok(self.report(&state, &changes, indexed.len(), repaired, t0))
    }

    /// A segment damaged on disk can still open: the first full run of a process checks the
    /// index files and, if any is damaged, empties the index so everything is indexed again
    /// (it is a cache of the folder). Returns whether it did.
    fn repair_if_damaged(&self, full_run: bool) -> Result<bool> {
        if full_run
            && !self
                .verified
                .swap(true, std::sync::atomic::Ordering::Relaxed)
            && !self.index.is_intact()
        {
            eprintln!(
                "casebook: the search index of {} is damaged; rebuilding it",
                self.cases_dir.display()
            );
            self.index.clear()?;
            self.index.commit()?;
            for e in self.write_state().entries.values_mut() {
                e.indexed_hash = None;
            }
            return Ok(true);
        }
        Ok(false)
    }

    /// Reads the taxonomy and compares its hash with the last run's.
    fn read_taxonomy(&self) -> TaxonomyRead {
        let (taxonomy, diagnostics, hash) = read_taxonomy(&self.cases_dir);
        let changed = hash != self.read_state().taxonomy_hash;
        TaxonomyRead {
            taxonomy,
            diagnostics,
            hash,
            changed,
        }
    }

    /// The catalog entries of the planned files, copied once so examining needs no lock.
    fn catalog_entries(&self, plan: &Plan) -> HashMap<String, Entry> {
        let state = self.read_state();
        plan.targets
            .iter()
            .filter_map(|t| state.entries.get(t).map(|e| (t.clone(), e.clone())))
            .collect()
    }

    /// Examines one batch of the planned files in parallel.
    fn examine_batch(
        &self,
        batch: &[String],
        plan: &Plan,
        tax: &TaxonomyRead,
        old_entries: &HashMap<String, Entry>,
    ) -> Vec<(String, Examined)> {
        batch
            .par_iter()
            .map(|rel| {
                let ex = self.examine(
                    rel,
                    old_entries.get(rel),
                    tax.changed,
                    plan.named.contains(rel),
                    tax.taxonomy.as_ref(),
                );
                (rel.clone(), ex)
            })
            .collect()
    }

    /// Records one batch of examined files in the state. Returns the cases it parsed whose
    /// content the index does not hold yet: they are indexed at once.
    fn record(&self, examined: Vec<(String, Examined)>, changes: &mut Changes) -> Vec<Case> {
        let mut state = self.write_state();
        let mut fresh = Vec::new();
        for (rel, ex) in examined {
            match ex {
                Examined::Unchanged { mtime, size } => {
                    changes.unchanged += 1;
                    if let Some(e) = state.entries.get_mut(&rel)
                        && (e.mtime != mtime || e.size != size)
                    {
                        e.mtime = mtime;
                        e.size = size;
                        changes.touched.insert(rel);
                    }
                }
                Examined::Changed(changed) => {
                    let (entry, case) = *changed;
                    // A re-check of unchanged content (the taxonomy changed) keeps the
                    // document the index has.
                    if let Some(c) = case
                        && entry.indexed_hash.as_deref() != Some(entry.hash.as_str())
                    {
                        fresh.push(c);
                    }
                    let old = state.entries.insert(rel.clone(), entry);
                    let now = state.entries.get(&rel);
                    if old.as_ref().map(|o| (&o.id, &o.lang)) != now.map(|n| (&n.id, &n.lang)) {
                        changes.ids_changed = true;
                    }
                    changes.touched.insert(rel);
                }
                Examined::Gone => {
                    if state.entries.remove(&rel).is_some() {
                        changes.ids_changed = true;
                        changes.removed_paths.push(rel.clone());
                    }
                }
            }
        }
        fresh
    }

    /// Re-runs the checks across files when ids came, went or changed, and works out what
    /// the index must still change: files to (re)index that this run did not parse (a file
    /// that stops losing to a duplicate), and files to drop (gone, broken, or losing to a
    /// duplicate, including any indexed by this run).
    fn settle(
        &self,
        changes: &mut Changes,
        walk_diags: Option<Vec<Diagnostic>>,
        indexed: &[(String, String)],
    ) {
        let mut state = self.write_state();
        if let Some(d) = walk_diags {
            state.walk_diags = d;
        }
        if changes.ids_changed {
            cross_check(&mut state);
        }
        let now: HashSet<&str> = indexed.iter().map(|(p, _)| p.as_str()).collect();
        changes.to_delete = changes.removed_paths.clone();
        for (path, e) in &state.entries {
            let want = e.ok && !state.losers.contains(path);
            let here = now.contains(path.as_str());
            if want && !here && e.indexed_hash.as_deref() != Some(e.hash.as_str()) {
                changes.to_index.push(path.clone());
            } else if !want && (here || e.indexed_hash.is_some()) {
                changes.to_delete.push(path.clone());
            }
        }
    }

    /// Deletes what must go and indexes what [`Inner::settle`] found still missing (re-read
    /// from disk), outside the state lock, then commits when anything changed. `indexed`
    /// (path, content hash) loses the paths deleted and gains those added.
    fn apply_to_index(
        &self,
        changes: &mut Changes,
        indexed: &mut Vec<(String, String)>,
        tax: Option<&Taxonomy>,
        trace: &Trace,
    ) -> Result<()> {
        let changed_index = !indexed.is_empty() || !changes.to_delete.is_empty();
        if !changes.to_delete.is_empty() {
            self.index.delete_paths(&changes.to_delete)?;
            let gone: HashSet<&String> = changes.to_delete.iter().collect();
            indexed.retain(|(p, _)| !gone.contains(p));
        }
        let mut added = false;
        for batch in changes.to_index.chunks(BATCH) {
            let cases: Vec<Case> = batch
                .par_iter()
                .filter_map(|p| self.reload(p, tax))
                .collect();
            self.upsert(&cases, tax)?;
            added |= !cases.is_empty();
            indexed.extend(cases.iter().map(|c| (c.path.clone(), c.hash.clone())));
        }
        trace.mark(format_args!("upserted"));
        if changed_index || added {
            self.index.commit()?;
        }
        trace.mark(format_args!("committed"));
        Ok(())
    }

    /// Hands one batch of cases to the index writer, with their plain text, headings and
    /// taxonomy concept labels.
    fn upsert(&self, cases: &[Case], tax: Option<&Taxonomy>) -> Result<()> {
        if cases.is_empty() {
            return Ok(());
        }
        let texts: Vec<(String, Vec<String>)> = cases
            .par_iter()
            .map(|c| crate::markdown::text_and_headings(&c.body))
            .collect();
        let concepts: Vec<Vec<String>> = cases
            .iter()
            .map(|c| tax.map(|t| t.concept_labels(&c.meta)).unwrap_or_default())
            .collect();
        let docs: Vec<IndexDoc<'_>> = cases
            .iter()
            .zip(&texts)
            .zip(&concepts)
            .map(|((case, (text, headings)), concepts)| IndexDoc {
                case,
                text,
                headings,
                concepts,
            })
            .collect();
        self.index.upsert(&docs)
    }

    /// Records what the index now holds, the taxonomy and the synonyms in the state, then
    /// saves the changed catalog rows and the taxonomy hash in the store.
    fn persist(
        &self,
        state: &mut State,
        changes: &mut Changes,
        indexed: &[(String, String)],
        tax: TaxonomyRead,
    ) -> Result<()> {
        for (path, hash) in indexed {
            if let Some(e) = state.entries.get_mut(path) {
                e.indexed_hash = Some(hash.clone());
            }
        }
        for p in &changes.to_delete {
            if let Some(e) = state.entries.get_mut(p) {
                e.indexed_hash = None;
                changes.touched.insert(p.clone());
            }
        }
        changes
            .touched
            .extend(indexed.iter().map(|(p, _)| p.clone()));
        state.taxonomy = tax.taxonomy.unwrap_or_default();
        // Synonyms are read on every run (a small file), so a saved change applies at once.
        let (synonyms, synonyms_diags) = read_synonyms(&self.cases_dir);
        state.vocab = Arc::new(Vocabulary::new(&synonyms, &state.taxonomy));
        state.synonyms_diags = synonyms_diags;
        state.taxonomy_diags = tax.diagnostics;
        state.taxonomy_hash = tax.hash.clone();
        let changed_rows: Vec<(&String, &Entry)> = changes
            .touched
            .iter()
            .filter_map(|p| state.entries.get_key_value(p))
            .collect();
        let mut conn = self.store.conn();
        catalog::save(
            &mut conn,
            &self.library,
            &changed_rows,
            &changes.removed_paths,
        )?;
        if let Some(h) = &tax.hash {
            crate::store::settings::set(&conn, &format!("taxonomy_hash:{}", self.library), h)?;
        }
        Ok(())
    }

    /// What the run did, counted over the state it left.
    fn report(
        &self,
        state: &State,
        changes: &Changes,
        indexed: usize,
        repaired: bool,
        t0: Instant,
    ) -> IndexReport {
        let invalid = state.entries.values().filter(|e| !e.ok).count() + state.losers.len();
        let diagnostics = state.taxonomy_diags.len()
            + state.synonyms_diags.len()
            + state.walk_diags.len()
            + state.cross_diags.len()
            + state
                .entries
                .values()
                .map(|e| e.diagnostics.len())
                .sum::<usize>();
        IndexReport {
            indexed,
            unchanged: changes.unchanged,
            removed: changes.to_delete.len(),
            invalid,
            diagnostics,
            rebuilt: repaired
                | self
                    .rebuilt
                    .swap(false, std::sync::atomic::Ordering::Relaxed),
            took_ms: t0.elapsed().as_secs_f64() * 1000.0,
        }
    }
}

/// Re-runs the checks across files (duplicate ids, translations without an original) and
/// records which paths lose to another file with the same id.
fn cross_check(state: &mut State) {
    let ids: BTreeMap<String, (String, String)> = state
        .entries
        .iter()
        .filter_map(|(p, e)| {
            e.id.as_ref()
                .map(|id| (p.clone(), (id.clone(), e.lang.clone())))
        })
        .collect();
    let (cross, losers) = library::cross_check(&ids);
    state.cross_diags = cross;
    state.losers = losers.into_iter().collect();
}
