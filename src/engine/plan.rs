//! The first step of an index run: which files to look at. A full run walks the folder; a
//! run for the paths the watcher saw looks at those only, unless they touch the taxonomy, a
//! link or a folder that appeared, when it widens to a full run.

use super::state::Inner;
use crate::diagnostic::Diagnostic;
use crate::identity;
use crate::library;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Which files a run looks at.
pub(super) struct Plan {
    /// Relative paths, sorted and without duplicates.
    pub(super) targets: Vec<String>,
    /// Whether the whole folder was walked (rather than only the named paths).
    pub(super) full: bool,
    /// The files the caller (the watcher) named: they were written, whatever their time.
    pub(super) named: BTreeSet<String>,
    /// Problems of the walk, when the folder was walked.
    pub(super) walk_diags: Option<Vec<Diagnostic>>,
}

impl Inner {
    /// Which files to look at: every file of the folder (plus those the catalog knows that are
    /// gone) on a full run, else the named paths, widened to a full run when they touch the
    /// taxonomy, a link or a folder that appeared.
    pub(super) fn plan(&self, only: Option<&[PathBuf]>, tax_changed: bool) -> Plan {
        let mut targets: Vec<String> = Vec::new();
        let mut full = only.is_none() || tax_changed;
        if let Some(paths) = only
            && !full
        {
            for p in paths {
                match self.relative(p) {
                    Some(rel) if rel == identity::TAXONOMY_FILE => full = true,
                    Some(rel) if identity::is_case_path(&rel) => {
                        let abs = identity::abs_path(&self.cases_dir, &rel);
                        if abs.is_symlink() || abs.is_dir() {
                            full = true;
                        } else {
                            targets.push(rel);
                        }
                    }
                    // Anything in (or being) an ignored folder, e.g. `node_modules/`.
                    Some(rel)
                        if identity::in_ignored_dir(&rel)
                            || rel.rsplit('/').next().is_some_and(identity::is_ignored_dir) => {}
                    Some(rel) => {
                        // Not a case file: a folder that appeared (rescan it), one that went
                        // away (its cases are gone: the catalog knows which), or another file.
                        // Decided from the disk and the catalog, never from the name, so
                        // `2024.q1/` is a folder like any other.
                        let abs = identity::abs_path(&self.cases_dir, &rel);
                        if abs.is_dir() {
                            full = true;
                        } else if !abs.exists() {
                            let prefix = format!("{rel}/");
                            let state = self.read_state();
                            targets.extend(
                                state
                                    .entries
                                    .range(prefix.clone()..)
                                    .take_while(|(k, _)| k.starts_with(&prefix))
                                    .map(|(k, _)| k.clone()),
                            );
                        }
                    }
                    None => {}
                }
            }
        }
        let mut walk_diags = None;
        if full {
            let (files, diags) = library::walk(&self.cases_dir);
            let state = self.read_state();
            let listed: BTreeSet<&String> = files.iter().collect();
            let gone: Vec<String> = state
                .entries
                .keys()
                .filter(|k| !listed.contains(k))
                .cloned()
                .collect();
            drop(state);
            targets = files;
            targets.extend(gone);
            walk_diags = Some(diags);
        }
        targets.sort();
        targets.dedup();
        let named: BTreeSet<String> = if full {
            BTreeSet::new()
        } else {
            targets.iter().cloned().collect()
        };
        Plan {
            targets,
            full,
            named,
            walk_diags,
        }
    }

    /// Relative path of a watcher path, `None` when it is outside the folder.
    fn relative(&self, p: &Path) -> Option<String> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.cases_dir.join(p)
        };
        // The file may be gone: canonicalize its parent instead.
        let canon = match p.canonicalize() {
            Ok(c) => c,
            Err(_) => p.parent()?.canonicalize().ok()?.join(p.file_name()?),
        };
        canon
            .strip_prefix(&self.cases_dir)
            .ok()
            .map(|r| identity::rel_path(Path::new(""), r))
    }
}
