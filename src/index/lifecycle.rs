//! The index's life on disk: open what is there, create it when missing, rebuild it (empty)
//! when its schema version differs or it cannot be opened, and the snapshot searches read.
//!
//! The index is a cache of the cases folder, so a rebuild is never an error to report; but it
//! only happens under tantivy's writer lock, so an index in use by another process is never
//! wiped underneath it.

use super::facets::{SegmentData, ValueTable};
use super::schema::{Fields, SCHEMA_VERSION};
use super::{Index, Snapshot, tokenizer};
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tantivy::{IndexReader, ReloadPolicy};

/// Most threads a search uses (one per segment at most).
const SEARCH_THREADS_MAX: usize = 4;

/// Name of the file in the index folder that holds [`SCHEMA_VERSION`].
pub(super) const VERSION_FILE: &str = "casebook-schema-version";

/// Maps an I/O error on `path` to the crate's error.
fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |e| Error::io(path, e)
}

/// Files of tantivy's directory locks: a wipe leaves them, so a process that holds a lock
/// keeps holding it on the same file.
const LOCK_FILES: [&str; 2] = [".tantivy-writer.lock", ".tantivy-meta.lock"];

/// Removes the files of a broken index. Only plain files directly in `dir` are removed (an
/// index folder has no subfolders), so a wrong path can never lose a tree of user files.
fn wipe(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(io_err(dir))? {
        let entry = entry.map_err(io_err(dir))?;
        let path = entry.path();
        if LOCK_FILES.iter().any(|l| entry.file_name() == *l) {
            continue;
        }
        if entry.file_type().map_err(io_err(&path))?.is_file() {
            std::fs::remove_file(&path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}

/// The existing index in `dir`: `Ok(None)` when there is none or it must be rebuilt (another
/// schema version, unreadable metadata); an error when the folder cannot be read at all (a
/// transient problem such as permissions is reported, not answered by deleting the index).
fn open_existing(dir: &Path, schema: &tantivy::schema::Schema) -> Result<Option<tantivy::Index>> {
    let version_path = dir.join(VERSION_FILE);
    let version = match std::fs::read_to_string(&version_path) {
        Ok(v) => v,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => return Ok(None),
        Err(e) => return Err(Error::io(version_path, e)),
    };
    if version.trim().parse::<u32>().ok() != Some(SCHEMA_VERSION) {
        return Ok(None);
    }
    let Ok(index) = tantivy::Index::open_in_dir(dir) else {
        return Ok(None);
    };
    Ok((index.schema() == *schema).then_some(index))
}

/// Takes tantivy's writer lock of `dir` for the time of a rebuild. A lock held by another
/// process (the app while `casebook index` runs, or the reverse) means the index is in use:
/// it is never wiped underneath that process.
fn lock_for_rebuild(dir: &Path) -> Result<tantivy::directory::DirectoryLock> {
    use tantivy::directory::error::LockError;
    use tantivy::directory::{Directory, INDEX_WRITER_LOCK, MmapDirectory};
    let mmap = MmapDirectory::open(dir).map_err(|e| Error::Index(e.to_string()))?;
    mmap.acquire_lock(&INDEX_WRITER_LOCK).map_err(|e| match e {
        LockError::LockBusy => Error::IndexBusy(dir.to_path_buf()),
        LockError::IoError(io) => Error::Index(format!("cannot lock {}: {io}", dir.display())),
    })
}

impl Index {
    /// Opens the index in `dir`, creating it when missing and rebuilding it (empty) when its
    /// schema version differs or it cannot be opened. Returns whether it starts empty because
    /// it was created or rebuilt (the caller then forgets its catalog and reindexes all).
    ///
    /// The rebuild happens only under the index's writer lock: when another process holds it,
    /// the open fails with [`Error::IndexBusy`] and nothing is deleted.
    pub fn open(dir: &Path) -> Result<(Index, bool)> {
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let (schema, fields) = Fields::build();
        if let Some(index) = open_existing(dir, &schema)?
            && let Ok(opened) = Index::from_tantivy(index, fields)
        {
            return Ok((opened, false));
        }
        let lock = lock_for_rebuild(dir)?;
        wipe(dir)?;
        let index = tantivy::Index::create_in_dir(dir, schema)?;
        // Written last: an interrupted creation has no version file and is rebuilt next time.
        let version_path = dir.join(VERSION_FILE);
        std::fs::write(&version_path, format!("{SCHEMA_VERSION}\n"))
            .map_err(io_err(&version_path))?;
        // Released before the index is used: its own writer takes the same lock.
        drop(lock);
        Ok((Index::from_tantivy(index, fields)?, true))
    }

    /// Whether the files of the current index are intact (their checksums match). A segment
    /// damaged on disk can still open; a full index run checks this and rebuilds.
    pub fn is_intact(&self) -> bool {
        self.index
            .validate_checksum()
            .is_ok_and(|bad| bad.is_empty())
    }

    /// Deletes every document (keeping the schema), for a rebuild of a damaged index. Takes
    /// effect at the next [`Index::commit`].
    pub fn clear(&self) -> Result<()> {
        self.with_writer(|w| {
            w.delete_all_documents()?;
            Ok(())
        })?;
        self.pending.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// An index in memory (tests).
    #[cfg(test)]
    pub fn in_memory() -> Result<Index> {
        let (schema, fields) = Fields::build();
        Index::from_tantivy(tantivy::Index::create_in_ram(schema), fields)
    }

    /// Wraps a tantivy index: registers the analyzers and prepares the first snapshot.
    fn from_tantivy(mut index: tantivy::Index, fields: Fields) -> Result<Index> {
        tokenizer::register(index.tokenizers());
        // A large library has several segments: searching them on the laptop's cores at once
        // shortens the requests that visit most of the library (common words, browsing);
        // the per-case merge of their matches stays one pass.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(SEARCH_THREADS_MAX);
        if threads > 1 {
            index.set_multithread_executor(threads)?;
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut table = ValueTable::default();
        let snapshot = build_snapshot(&reader, None, &mut table)?;
        Ok(Index {
            index,
            fields,
            reader,
            writer: Mutex::new(None),
            pending: AtomicBool::new(false),
            table: Mutex::new(table),
            snapshot: RwLock::new(Arc::new(snapshot)),
        })
    }
}

/// The searcher of `reader` with facet data for each segment (reused from `old` when the
/// segment is unchanged: segments are immutable, deletes are applied at collection time).
pub(super) fn build_snapshot(
    reader: &IndexReader,
    old: Option<&Snapshot>,
    table: &mut ValueTable,
) -> Result<Snapshot> {
    let searcher = reader.searcher();
    let mut segments = HashMap::new();
    for segment in searcher.segment_readers() {
        let id = segment.segment_id();
        let data = match old.and_then(|o| o.segments.get(&id)) {
            Some(d) => d.clone(),
            None => Arc::new(SegmentData::build(segment, table)?),
        };
        segments.insert(id, data);
    }
    let prefix_tops = super::prefix_tops::PrefixTops::carry(&searcher, old.map(|o| &o.prefix_tops));
    Ok(Snapshot {
        searcher,
        prefix_tops,
        segments: Arc::new(segments),
        table: Arc::new(table.clone()),
        title_rank: std::sync::OnceLock::new(),
        suggest_columns: std::sync::OnceLock::new(),
    })
}
