//! Watching the cases folder for changes (debounced), for live re-indexing.
//!
//! [`Watcher`] watches a folder recursively and reports, through a callback, either the case
//! files that changed ([`Change::Changed`]) or that the whole folder must be rescanned
//! ([`Change::Rescan`]). It knows nothing about the index: the caller (the desktop shell)
//! decides to call [`crate::Engine::update_paths`] or [`crate::Engine::index`].
//!
//! Two layers of batching keep the index work proportional to what the user did:
//! notify-debouncer-full merges the raw events of each file (an editor's write + chmod + rename
//! become one event, a rename-over atomic save is reported as the final name), and a small
//! "settle" stage then merges consecutive debounced batches until the folder has been quiet for
//! a moment, so a `git pull` or an unzip that takes longer than the debounce window is still
//! one index update rather than dozens.

use crate::error::{Error, Result};
use crate::identity;
use notify::event::{ModifyKind, RemoveKind, RenameMode};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What changed in the watched folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// These case files (absolute paths, sorted, no duplicates) were created, modified or
    /// deleted. A path that no longer exists means the case is gone; a path that is not a
    /// case file name is one that vanished and may have been a folder of cases.
    Changed(Vec<PathBuf>),
    /// The watcher may have missed events (queue overflow, a folder moved in or out, the
    /// taxonomy changed, a watch error): rescan the whole folder.
    Rescan,
}

/// Timing knobs of a [`Watcher`]. The defaults suit interactive editing.
#[derive(Debug, Clone, Copy)]
pub struct WatchOptions {
    /// notify-debouncer-full's timeout: how long a file must be quiet before its event is
    /// reported. 250 ms hides an editor's write/rename dance without feeling slow.
    pub debounce: Duration,
    /// How long to wait after a debounced batch for another one before delivering, so a long
    /// burst (git pull, unzip) becomes one batch.
    pub settle: Duration,
    /// Upper bound on how long a continuous stream of changes can delay delivery.
    pub max_delay: Duration,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            debounce: Duration::from_millis(250),
            settle: Duration::from_millis(150),
            max_delay: Duration::from_secs(2),
        }
    }
}

/// How one path reported by the OS matters to the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relevance {
    /// Not a case file (temp file, swap file, dotfile, other extension, outside the folder).
    Ignore,
    /// A case file (or a vanished path that may have been a folder of them): re-read it.
    Case,
    /// Something that invalidates more than one file: rescan everything.
    Rescan,
}

/// Messages from the debouncer thread to the settle thread.
enum Batch {
    Paths(Vec<PathBuf>),
    Rescan,
}

/// A running watch of one cases folder. Dropping it stops watching (and waits for a callback
/// that is running to return); no callback runs after the drop.
pub struct Watcher {
    root: PathBuf,
    debouncer: Option<
        notify_debouncer_full::Debouncer<
            notify::RecommendedWatcher,
            notify_debouncer_full::RecommendedCache,
        >,
    >,
    settler: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").field("root", &self.root).finish()
    }
}

impl Watcher {
    /// Starts watching `root` recursively with the default [`WatchOptions`], calling
    /// `callback` from a background thread for every batch of relevant changes.
    pub fn new<F>(root: &Path, callback: F) -> Result<Watcher>
    where
        F: FnMut(Change) + Send + 'static,
    {
        Watcher::with_options(root, WatchOptions::default(), callback)
    }

    /// Like [`Watcher::new`] with explicit timing.
    pub fn with_options<F>(root: &Path, options: WatchOptions, callback: F) -> Result<Watcher>
    where
        F: FnMut(Change) + Send + 'static,
    {
        // The OS reports canonical paths; canonicalizing the root lets `strip_prefix` work
        // when the caller passed a relative path or one through a symlink.
        let root = root
            .canonicalize()
            .map_err(|_| Error::NoCasesFolder(root.to_path_buf()))?;
        if !root.is_dir() {
            return Err(Error::NoCasesFolder(root));
        }

        let (tx, rx) = mpsc::channel::<Batch>();
        let settler = std::thread::Builder::new()
            .name("casebook-watch".into())
            .spawn(move || settle_loop(rx, options, callback))
            .map_err(|e| Error::io(&root, e))?;

        let handler_root = root.clone();
        let handler = move |result: DebounceEventResult| {
            let batch = match result {
                // Errors (e.g. inotify watch limit, a vanished subfolder) mean events may be
                // lost; a full rescan is the only safe answer.
                Err(_) => Batch::Rescan,
                Ok(events) => classify_events(&handler_root, &events),
            };
            if let Batch::Paths(p) = &batch
                && p.is_empty()
            {
                return;
            }
            // The receiver is gone only while the watcher is being dropped.
            let _ = tx.send(batch);
        };

        let mut debouncer = new_debouncer(options.debounce, None, handler)
            .map_err(|e| Error::Index(format!("cannot watch {}: {e}", root.display())))?;
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|e| Error::Index(format!("cannot watch {}: {e}", root.display())))?;

        Ok(Watcher {
            root,
            debouncer: Some(debouncer),
            settler: Some(settler),
        })
    }

    /// The watched folder (canonical).
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        // Stopping the debouncer joins its thread, which drops the channel sender; the settle
        // thread then sees the disconnect and exits without delivering what was pending.
        if let Some(d) = self.debouncer.take() {
            d.stop();
        }
        if let Some(t) = self.settler.take() {
            let _ = t.join();
        }
    }
}

/// Merges debounced batches until the folder is quiet for `settle` (or `max_delay` passed),
/// then calls the callback once.
fn settle_loop<F: FnMut(Change)>(rx: mpsc::Receiver<Batch>, options: WatchOptions, mut cb: F) {
    while let Ok(first) = rx.recv() {
        let started = Instant::now();
        let mut rescan = false;
        let mut paths = BTreeSet::new();
        let add = |b: Batch, rescan: &mut bool, paths: &mut BTreeSet<PathBuf>| match b {
            Batch::Rescan => *rescan = true,
            Batch::Paths(p) => paths.extend(p),
        };
        add(first, &mut rescan, &mut paths);
        loop {
            let left = options.max_delay.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(options.settle.min(left)) {
                Ok(b) => add(b, &mut rescan, &mut paths),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if rescan {
            cb(Change::Rescan);
        } else if !paths.is_empty() {
            cb(Change::Changed(paths.into_iter().collect()));
        }
    }
}

/// Turns one debounced batch into the case paths it touches, or a rescan request.
fn classify_events(root: &Path, events: &[DebouncedEvent]) -> Batch {
    let mut paths = Vec::new();
    for event in events {
        if event.need_rescan() {
            return Batch::Rescan;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            continue;
        }
        let rename_both = matches!(
            event.kind,
            EventKind::Modify(ModifyKind::Name(RenameMode::Both))
        );
        for (i, path) in event.paths.iter().enumerate() {
            // The source of a rename (`sed -i`'s temp file, an editor's backup) only matters
            // if it was itself a case file that is now gone.
            let relevance = if rename_both && i == 0 {
                match classify_path(root, path, &event.kind) {
                    Relevance::Case => Relevance::Case,
                    _ if is_dir_kind(&event.kind) => Relevance::Rescan,
                    _ => Relevance::Ignore,
                }
            } else {
                classify_path(root, path, &event.kind)
            };
            match relevance {
                Relevance::Ignore => {}
                Relevance::Case => paths.push(path.clone()),
                Relevance::Rescan => return Batch::Rescan,
            }
        }
    }
    Batch::Paths(paths)
}

fn is_dir_kind(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Remove(RemoveKind::Folder)
            | EventKind::Create(notify::event::CreateKind::Folder)
    )
}

/// Whether `path` (reported with `kind`) is a case file, noise, or needs a full rescan. Which
/// files are case files is [`crate::identity`]'s rule, the same one the folder walk uses.
fn classify_path(root: &Path, path: &Path, kind: &EventKind) -> Relevance {
    let Ok(rel) = path.strip_prefix(root) else {
        return Relevance::Ignore;
    };
    if rel.as_os_str().is_empty() {
        // The root itself was removed or replaced.
        return Relevance::Rescan;
    }
    let rel = identity::rel_path(Path::new(""), rel);
    // Anything inside a hidden or ignored folder (.git, .obsidian, node_modules) is not part
    // of the library, whatever its name.
    if identity::in_ignored_dir(&rel) {
        return Relevance::Ignore;
    }
    if rel == identity::TAXONOMY_FILE {
        // Every case is validated against the taxonomy.
        return Relevance::Rescan;
    }
    // The synonyms apply to queries only: an update of no case file re-reads them.
    if identity::is_case_path(&rel) || rel == crate::synonyms::SYNONYMS_FILE {
        return Relevance::Case;
    }
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    if identity::is_noise_name(name) || identity::is_ignored_dir(name) {
        return Relevance::Ignore;
    }
    // A folder appearing carries files whose own events may never arrive (inotify adds the
    // new folder's watch only after files were written): rescan. A path that is gone and
    // whose kind is unknown may have been a folder of cases (`mv 2024.q1 elsewhere`): report
    // it, and the engine, which knows what was under it, drops those cases. The name says
    // nothing either way: `2024.q1` is a folder, `notes` may be a file.
    match kind {
        EventKind::Remove(RemoveKind::Folder)
        | EventKind::Create(notify::event::CreateKind::Folder) => Relevance::Rescan,
        EventKind::Remove(RemoveKind::File)
        | EventKind::Create(notify::event::CreateKind::File) => Relevance::Ignore,
        _ if path.is_dir() => Relevance::Rescan,
        EventKind::Modify(ModifyKind::Name(_)) | EventKind::Remove(_) if !path.exists() => {
            Relevance::Case
        }
        _ => Relevance::Ignore,
    }
}

#[cfg(test)]
mod tests;
