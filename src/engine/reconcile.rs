//! Bringing the search index up to date with the cases folder.
//!
//! An index run is a sequence of steps, each a function below, in this order:
//!
//! 1. [`Inner::repair_if_damaged`]: the first full run of a process verifies the index files;
//! 2. `plan` (its own module): which files to look at (all, or only those the watcher named);
//! 3. [`Inner::examine_all`]: examine them in parallel against the catalog;
//! 4. [`Inner::apply_to_state`]: record what was found and work out what the index must change;
//! 5. [`Inner::apply_to_index`]: delete and (re)add documents, then commit;
//! 6. [`Inner::persist`]: record the result in the state and save the catalog;
//! 7. [`Inner::report`]: say what the run did.
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
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// How many files are processed between progress reports.
const PROGRESS_CHUNK: usize = 512;
/// How many documents are handed to the index writer at once.
const INDEX_BATCH: usize = 2048;

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

/// What applying the examined files to the state leaves to do.
#[derive(Default)]
struct Changes {
    /// Cases this run parsed, by path: indexed without reading them again.
    fresh: HashMap<String, Case>,
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
        let examined = self.examine_all(&plan, &tax, progress);
        let trace = Trace::new(t0);
        trace.mark(format_args!("examined {}", plan.targets.len()));
        let mut changes = self.apply_to_state(examined, plan.full, plan.walk_diags);
        let indexed = self.apply_to_index(&mut changes, tax.taxonomy.as_ref(), &trace)?;
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

    /// Examines the planned files in parallel, in chunks so progress can be reported.
    fn examine_all(
        &self,
        plan: &Plan,
        tax: &TaxonomyRead,
        progress: &mut dyn FnMut(Progress),
    ) -> Vec<(String, Examined)> {
        let old_entries: HashMap<String, Entry> = {
            let state = self.read_state();
            plan.targets
                .iter()
                .filter_map(|t| state.entries.get(t).map(|e| (t.clone(), e.clone())))
                .collect()
        };
        let total = plan.targets.len();
        let mut examined: Vec<(String, Examined)> = Vec::with_capacity(total);
        for chunk in plan.targets.chunks(PROGRESS_CHUNK) {
            let part: Vec<(String, Examined)> = chunk
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
                .collect();
            examined.extend(part);
            progress(Progress {
                done: examined.len(),
                total,
            });
        }
        examined
    }

    /// Records the examined files in the state, re-runs the checks across files when ids
    /// came, went or changed, and works out which paths the index must add or drop.
    fn apply_to_state(
        &self,
        examined: Vec<(String, Examined)>,
        full: bool,
        walk_diags: Option<Vec<Diagnostic>>,
    ) -> Changes {
        let mut state = self.write_state();
        let mut changes = Changes::default();
        // Whether any file's id or language changed, or a file came or went: only then can the
        // checks across files (duplicate ids, translations without an original) change.
        let mut ids_changed = full;
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
                    if let Some(c) = case {
                        changes.fresh.insert(rel.clone(), c);
                    }
                    let old = state.entries.insert(rel.clone(), entry);
                    let now = state.entries.get(&rel);
                    if old.as_ref().map(|o| (&o.id, &o.lang)) != now.map(|n| (&n.id, &n.lang)) {
                        ids_changed = true;
                    }
                    changes.touched.insert(rel);
                }
                Examined::Gone => {
                    if let Some(e) = state.entries.remove(&rel) {
                        ids_changed = true;
                        changes.removed_paths.push(rel.clone());
                        if e.indexed_hash.is_some() {
                            changes.fresh.remove(&rel);
                        }
                    }
                }
            }
        }
        if let Some(d) = walk_diags {
            state.walk_diags = d;
        }
        if ids_changed {
            cross_check(&mut state);
        }
        changes.to_delete = changes.removed_paths.clone();
        for (path, e) in &state.entries {
            let want = e.ok && !state.losers.contains(path);
            if want && e.indexed_hash.as_deref() != Some(e.hash.as_str()) {
                changes.to_index.push(path.clone());
            } else if !want && e.indexed_hash.is_some() {
                changes.to_delete.push(path.clone());
            }
        }
        changes
    }

    /// Deletes and (re)adds documents, outside the state lock, a batch at a time so memory
    /// stays bounded: takes what this run parsed, re-reads what it did not. Commits when
    /// anything changed. Returns the (path, content hash) of each indexed file.
    fn apply_to_index(
        &self,
        changes: &mut Changes,
        tax: Option<&Taxonomy>,
        trace: &Trace,
    ) -> Result<Vec<(String, String)>> {
        let mut changed_index = !changes.to_delete.is_empty();
        if !changes.to_delete.is_empty() {
            self.index.delete_paths(&changes.to_delete)?;
        }
        let mut indexed: Vec<(String, String)> = Vec::with_capacity(changes.to_index.len());
        for chunk in changes.to_index.chunks(INDEX_BATCH) {
            let taken: Vec<(&String, Option<Case>)> =
                chunk.iter().map(|p| (p, changes.fresh.remove(p))).collect();
            let cases: Vec<Case> = taken
                .into_par_iter()
                .filter_map(|(p, c)| c.or_else(|| self.reload(p, tax)))
                .collect();
            self.upsert(&cases, tax)?;
            changed_index = true;
            indexed.extend(cases.iter().map(|c| (c.path.clone(), c.hash.clone())));
        }
        trace.mark(format_args!("upserted"));
        if changed_index {
            self.index.commit()?;
        }
        trace.mark(format_args!("committed"));
        Ok(indexed)
    }

    /// Hands one batch of cases to the index writer, with their plain text, headings and
    /// taxonomy concept labels.
    fn upsert(&self, cases: &[Case], tax: Option<&Taxonomy>) -> Result<()> {
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
