//! The search index: a tantivy index derived from the cases folder. It is a cache: on a schema
//! change, a failed open or a corrupt file it is rebuilt, never reported as an error to fix.
//!
//! Layout of the module, in the order data flows through it:
//! - `lifecycle`: opening, creating and rebuilding the index on disk, and the snapshot that
//!   searches read;
//! - [`schema`]: the fields ([`Fields`]) and [`SCHEMA_VERSION`];
//! - `tokenizer`: the Latin (stemmed / unstemmed) and CJK bigram analyzers;
//! - `document`: a case as a tantivy document, and a stored document back as a hit;
//! - `writer`: adding, deleting and committing documents;
//! - `search`: one search from request to response;
//! - `query`: the lenient parser of the search box and its translation to tantivy queries,
//!   prefix expansion and typo correction (`expand`, `meaning`, `guard`, `prefix_tops`);
//! - `facets`: one-pass filtering, disjunctive facet counting and top-k collection;
//! - `snippet`: highlighted, escaped snippets for the returned page;
//! - `suggest`: suggestions as the user types;
//! - `related`: "more like this";
//! - `explore`: the facts of every match, for the map and the overview.
//!
//! Browse order: an empty query (or one with only exclusions) lists cases by title
//! (case-insensitive, normalized), then by index order.

mod document;
mod expand;
mod explore;
mod facets;
mod guard;
mod lifecycle;
mod meaning;
mod prefix_tops;
mod query;
mod related;
mod schema;
mod search;
mod snippet;
mod suggest;
mod tokenizer;
mod writer;

#[cfg(test)]
mod tests;

pub use expand::Vocabulary;
pub use schema::Fields;

use crate::case::Case;
use crate::error::Result;
use facets::{SegmentData, ValueTable};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use tantivy::index::SegmentId;
use tantivy::{IndexReader, IndexWriter, Searcher};

/// One case file ready to index: the loaded case plus the plain text of its body.
pub struct IndexDoc<'a> {
    /// The case.
    pub case: &'a Case,
    /// Plain text of the body (from [`crate::markdown::render`]).
    pub text: &'a str,
    /// Headings of the body, in order.
    pub headings: &'a [String],
    /// Labels of the case's taxonomy values in every language
    /// ([`crate::Taxonomy::concept_labels`]).
    pub concepts: &'a [String],
}

/// What searches read: a searcher plus the per-segment facet data prepared at its reload.
struct Snapshot {
    searcher: Searcher,
    segments: Arc<HashMap<SegmentId, Arc<SegmentData>>>,
    table: Arc<ValueTable>,
    /// Global browse rank of each title ordinal, per segment; computed on the first browse
    /// after a reload, so a commit (a saved file) does not pay for sorting every title.
    title_rank: std::sync::OnceLock<Arc<HashMap<SegmentId, Arc<Vec<u32>>>>>,
    /// The columns suggestions read, opened on the first suggestion after a reload.
    suggest_columns: std::sync::OnceLock<Arc<Vec<suggest::SuggestColumns>>>,
    /// The best words under each short prefix, per segment (kept across reloads).
    prefix_tops: prefix_tops::PrefixTops,
}

impl Snapshot {
    /// The browse ranks, computed once per snapshot.
    fn title_rank(&self) -> Result<Arc<HashMap<SegmentId, Arc<Vec<u32>>>>> {
        if let Some(r) = self.title_rank.get() {
            return Ok(r.clone());
        }
        let ranks = Arc::new(facets::title_ranks(&self.searcher)?);
        Ok(self.title_rank.get_or_init(|| ranks).clone())
    }

    /// The suggestion columns, opened once per snapshot.
    fn suggest_columns(&self) -> Result<Arc<Vec<suggest::SuggestColumns>>> {
        if let Some(c) = self.suggest_columns.get() {
            return Ok(c.clone());
        }
        let columns = Arc::new(suggest::open_columns(&self.searcher)?);
        Ok(self.suggest_columns.get_or_init(|| columns).clone())
    }
}

/// The open index. `Send + Sync`: one writer behind a mutex, one reader reloaded after commits.
pub struct Index {
    index: tantivy::Index,
    fields: Fields,
    reader: IndexReader,
    /// Created on first write, so a process that only searches never takes the writer lock.
    writer: Mutex<Option<IndexWriter>>,
    /// Whether there are uncommitted changes.
    pending: AtomicBool,
    /// Facet values seen so far (append-only).
    table: Mutex<ValueTable>,
    snapshot: RwLock<Arc<Snapshot>>,
}

impl Index {
    /// What searches read now.
    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Number of indexed documents (case files).
    pub fn num_docs(&self) -> u64 {
        self.snapshot().searcher.num_docs()
    }
}
