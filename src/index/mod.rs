//! The search index: a tantivy index derived from the cases folder. It is a cache: on a schema
//! change, a failed open or a corrupt file it is rebuilt, never reported as an error to fix.

mod schema;

pub use schema::{Fields, SCHEMA_VERSION};

use crate::case::Case;
use crate::error::Result;
use crate::search::{Hit, SearchRequest, SearchResponse};
use crate::taxonomy::Taxonomy;
use std::path::Path;

/// One case file ready to index: the loaded case plus the plain text of its body.
pub struct IndexDoc<'a> {
    /// The case.
    pub case: &'a Case,
    /// Plain text of the body (from [`crate::markdown::render`]).
    pub text: &'a str,
    /// Headings of the body, in order.
    pub headings: &'a [String],
}

/// The open index. `Send + Sync`: one writer behind a mutex, one reader reloaded after commits.
pub struct Index {
    // (fields of the implementation)
}

impl Index {
    /// Opens the index in `dir`, creating it when missing and rebuilding it (empty) when its
    /// schema version differs or it cannot be opened. Returns whether it starts empty because
    /// it was created or rebuilt (the caller then forgets its catalog and reindexes all).
    pub fn open(dir: &Path) -> Result<(Index, bool)> {
        let _ = dir;
        unimplemented!()
    }

    /// Adds (or replaces, by path) documents. Not visible until [`Index::commit`].
    pub fn upsert(&self, docs: &[IndexDoc<'_>]) -> Result<()> {
        let _ = docs;
        unimplemented!()
    }

    /// Deletes the documents of these paths (relative, `/`-separated).
    pub fn delete_paths(&self, paths: &[String]) -> Result<()> {
        let _ = paths;
        unimplemented!()
    }

    /// Commits pending changes and reloads the reader so searches see them.
    pub fn commit(&self) -> Result<()> {
        unimplemented!()
    }

    /// Runs a search (DESIGN §5).
    pub fn search(&self, request: &SearchRequest, taxonomy: &Taxonomy) -> Result<SearchResponse> {
        let _ = (request, taxonomy);
        unimplemented!()
    }

    /// Cases related to `id` (in `lang` when it exists), excluding `id` itself.
    pub fn related(&self, id: &str, lang: &str, limit: usize) -> Result<Vec<Hit>> {
        let _ = (id, lang, limit);
        unimplemented!()
    }

    /// Number of indexed documents (case files).
    pub fn num_docs(&self) -> u64 {
        unimplemented!()
    }
}
