//! Writing: adding, replacing and deleting documents, and committing them so searches see
//! them. One writer, created on first write, behind a mutex.

use super::document::make_doc;
use super::{Index, IndexDoc};
use crate::error::Result;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};
use tantivy::{IndexWriter, Term};

/// Memory budget of the writer, shared by its threads.
const WRITER_BUDGET: usize = 50_000_000;
/// tantivy's minimum budget per writer thread.
const WRITER_MIN_PER_THREAD: usize = 15_000_000;

impl Index {
    /// Runs `f` with the writer, creating it on first use.
    pub(super) fn with_writer<R>(
        &self,
        f: impl FnOnce(&mut IndexWriter) -> Result<R>,
    ) -> Result<R> {
        let mut guard = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let writer = match guard.as_mut() {
            Some(w) => w,
            None => {
                let threads = std::thread::available_parallelism()
                    .map_or(1, |n| n.get())
                    .clamp(1, WRITER_BUDGET / WRITER_MIN_PER_THREAD);
                guard.insert(self.index.writer_with_num_threads(threads, WRITER_BUDGET)?)
            }
        };
        f(writer)
    }

    /// Adds (or replaces, by path) documents. Not visible until [`Index::commit`].
    pub fn upsert(&self, docs: &[IndexDoc<'_>]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        self.with_writer(|w| {
            for doc in docs {
                w.delete_term(Term::from_field_text(self.fields.path, &doc.case.path));
                w.add_document(make_doc(&self.fields, doc))?;
            }
            Ok(())
        })?;
        self.pending.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Deletes the documents of these paths (relative, `/`-separated).
    pub fn delete_paths(&self, paths: &[String]) -> Result<()> {
        if paths.is_empty() {
            return Ok(());
        }
        self.with_writer(|w| {
            for p in paths {
                w.delete_term(Term::from_field_text(self.fields.path, p));
            }
            Ok(())
        })?;
        self.pending.store(true, Ordering::SeqCst);
        Ok(())
    }

    /// Commits pending changes and reloads the reader so searches see them.
    pub fn commit(&self) -> Result<()> {
        {
            let mut guard = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(w) = guard.as_mut()
                && self.pending.swap(false, Ordering::SeqCst)
                && let Err(e) = w.commit()
            {
                // A writer whose commit failed is not reused; the next write opens a new one.
                *guard = None;
                return Err(e.into());
            }
        }
        self.reader.reload()?;
        let old = self.snapshot();
        let mut table = self.table.lock().unwrap_or_else(PoisonError::into_inner);
        let snapshot = super::lifecycle::build_snapshot(&self.reader, Some(&old), &mut table)?;
        *self
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        Ok(())
    }
}
