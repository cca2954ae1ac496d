//! The search index: a tantivy index derived from the cases folder. It is a cache: on a schema
//! change, a failed open or a corrupt file it is rebuilt, never reported as an error to fix.
//!
//! Layout of the module:
//! - [`schema`]: the fields ([`Fields`]) and [`SCHEMA_VERSION`];
//! - `tokenizer`: the Latin (stemmed / unstemmed) and CJK bigram analyzers;
//! - `query`: the lenient parser of the search box and its translation to tantivy queries,
//!   prefix expansion and typo correction;
//! - `facets`: one-pass filtering, disjunctive facet counting and top-k collection;
//! - `snippet`: highlighted, escaped snippets for the returned page.
//!
//! Browse order: an empty query (or one with only exclusions) lists cases by title
//! (case-insensitive, normalized), then by index order.

mod expand;
mod explore;
mod facets;
mod guard;
mod meaning;
mod query;
mod schema;
mod snippet;
mod suggest;
mod tokenizer;

#[cfg(test)]
mod tests;

pub use expand::{Expansion, Vocabulary};
pub use schema::{Fields, SCHEMA_VERSION};

use crate::case::Case;
use crate::error::{Error, Result};
use crate::search::{
    FACETS, FILTER_ONLY, FacetCount, Hit, SearchRequest, SearchResponse, builtin_label,
};
use crate::taxonomy::{TAXONOMY_FACETS, Taxonomy};
use facets::{MainCollector, Outcome, Plan, SegmentData, ValueTable};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::index::SegmentId;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption, OwnedValue, Value};
use tantivy::{
    DocAddress, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

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

/// Name of the file in the index folder that holds [`SCHEMA_VERSION`].
const VERSION_FILE: &str = "casebook-schema-version";
/// Memory budget of the writer, shared by its threads.
const WRITER_BUDGET: usize = 50_000_000;
/// tantivy's minimum budget per writer thread.
const WRITER_MIN_PER_THREAD: usize = 15_000_000;
/// Largest page a request may ask for; larger limits are clamped.
const MAX_LIMIT: usize = 1000;
/// Largest offset honoured; deeper pages are empty (nobody pages that far; bounds memory).
const MAX_OFFSET: usize = 100_000;

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

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Index> {
        let (schema, fields) = Fields::build();
        Index::from_tantivy(tantivy::Index::create_in_ram(schema), fields)
    }

    fn from_tantivy(index: tantivy::Index, fields: Fields) -> Result<Index> {
        tokenizer::register(index.tokenizers());
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

    fn snapshot(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Runs `f` with the writer, creating it on first use.
    fn with_writer<R>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<R>) -> Result<R> {
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
        let snapshot = build_snapshot(&self.reader, Some(&old), &mut table)?;
        *self
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Arc::new(snapshot);
        Ok(())
    }

    /// Runs a search (DESIGN §5) with the library's taxonomy (facet labels) and vocabulary
    /// (synonyms, known words, programme names).
    pub fn search(
        &self,
        request: &SearchRequest,
        taxonomy: &Taxonomy,
        vocab: &Vocabulary,
    ) -> Result<SearchResponse> {
        let started = Instant::now();
        let snap = self.snapshot();
        let parsed = query::parse(&request.query);
        let limit = request.effective_limit().min(MAX_LIMIT);
        let offset = request.offset.min(MAX_OFFSET);
        let selections = selections(&snap.table, request);
        let years = match (request.from, request.to) {
            (None, None) => None,
            (from, to) => Some((from.unwrap_or(i32::MIN + 1), to.unwrap_or(i32::MAX))),
        };
        let run = |parsed: &query::Parsed| -> Result<(Outcome, Vec<String>)> {
            let mut builder = query::Builder::new(&self.fields, &snap.searcher, vocab);
            let (q, by_title, also): (Box<dyn Query>, bool, Vec<String>) =
                match builder.compile(parsed)? {
                    Some(c) => (c.query, !c.scored, c.also),
                    None => (Box::new(AllQuery), true, Vec::new()),
                };
            let plan = Plan::new(
                &snap.table,
                &selections,
                years,
                offset + limit,
                by_title,
                request.ui_lang.as_deref().unwrap_or("en"),
            );
            let collector = MainCollector {
                plan: Arc::new(plan),
                segments: snap.segments.clone(),
                title_rank: if by_title {
                    snap.title_rank()?
                } else {
                    Arc::default()
                },
            };
            Ok((snap.searcher.search(&*q, &collector)?, also))
        };
        let (mut outcome, mut also) = run(&parsed)?;
        let mut shown = parsed;
        let mut corrected = None;
        if outcome.total == 0
            && shown.has_positive()
            && let Some(fixed) = query::correct(&shown, &self.fields, &snap.searcher)?
        {
            let (retry, retry_also) = run(&fixed)?;
            if retry.total > 0 {
                outcome = retry;
                also = retry_also;
                corrected = Some(fixed.render());
                shown = fixed;
            }
        }
        let highlight = query::Highlight::of_query(&shown, vocab, &also);
        let mut hits = Vec::with_capacity(limit);
        for ranked in outcome.top.iter().skip(offset) {
            let doc: TantivyDocument = snap.searcher.doc(ranked.address)?;
            let stored = Stored::read(&self.fields, &doc);
            let snippet = if highlight.is_empty() {
                snippet::plain(&stored.summary)
            } else {
                snippet::snippet(&stored.summary, &stored.body, &highlight)
            };
            hits.push(stored.into_hit(ranked.score, snippet));
        }
        let ui_lang = request.ui_lang.as_deref().unwrap_or("en");
        let suggestions = if request.suggest {
            suggest::suggestions(
                &self.fields,
                &snap.searcher,
                &request.query,
                &vocab.labels,
                &snap.suggest_columns()?,
                ui_lang,
            )?
        } else {
            Vec::new()
        };
        let facets = facet_counts(&snap.table, &outcome.counts, request, taxonomy, ui_lang);
        Ok(SearchResponse {
            total: outcome.total,
            hits,
            facets,
            corrected,
            suggestions,
            also_searched: also,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// Cases related to `id` (in `lang` when it exists), excluding `id` itself: "more like
    /// this" on the text of the case in `lang` (else English, else any language) plus shared
    /// hazard, measure, sector and programme values. One hit per case, in `lang` when that
    /// translation exists. Fails with [`Error::NotFound`] when no document has this id.
    pub fn related(&self, id: &str, lang: &str, limit: usize) -> Result<Vec<Hit>> {
        let snap = self.snapshot();
        let searcher = &snap.searcher;
        let f = &self.fields;
        let versions = docs_of_id(searcher, f, id)?;
        let source = pick_lang(&versions, lang).ok_or_else(|| Error::NotFound(id.to_string()))?;
        if limit == 0 {
            return Ok(Vec::new());
        }
        let text = |s: &str| vec![OwnedValue::Str(s.to_string())];
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            // Words in most cases ("case", "city") say nothing about similarity.
            .with_max_doc_frequency((searcher.num_docs() / 2).max(2))
            .with_min_term_frequency(1)
            .with_min_word_length(2)
            .with_max_query_terms(30)
            .with_boost_factor(1.0)
            .with_document_fields(vec![
                (f.title, text(&source.1.title)),
                (f.summary, text(&source.1.summary)),
                (f.body, text(&source.1.body)),
                (f.title_cjk, text(&source.1.title)),
                (f.summary_cjk, text(&source.1.summary)),
                (f.body_cjk, text(&source.1.body)),
            ]);
        let exclude_self = || -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f.id, id),
                IndexRecordOption::Basic,
            ))
        };
        // Scale the facet boosts to the best text score so both matter.
        let text_only = BooleanQuery::new(vec![
            (Occur::Should, Box::new(mlt.clone()) as Box<dyn Query>),
            (Occur::MustNot, exclude_self()),
        ]);
        let best = searcher
            .search(&text_only, &TopDocs::with_limit(1).order_by_score())?
            .first()
            .map_or(1.0, |(s, _)| *s)
            .max(1e-3);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, Box::new(mlt)),
            (Occur::MustNot, exclude_self()),
        ];
        let shared = [
            (f.hazard, &source.1.hazards, 0.3f32),
            (f.measure, &source.1.measures, 0.2),
            (f.sector, &source.1.sectors, 0.15),
            (f.programme, &source.1.programmes, 0.1),
        ];
        for (field, values, weight) in shared {
            for v in values {
                if let Some(facet) = facet_of(v) {
                    let q =
                        TermQuery::new(Term::from_facet(field, &facet), IndexRecordOption::Basic);
                    clauses.push((
                        Occur::Should,
                        Box::new(ConstScoreQuery::new(Box::new(q), best * weight)),
                    ));
                }
            }
        }
        let candidates = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit.saturating_mul(4).saturating_add(8)).order_by_score(),
        )?;
        let mut out: Vec<Hit> = Vec::new();
        for (score, address) in candidates {
            if out.len() >= limit {
                break;
            }
            let doc: TantivyDocument = searcher.doc(address)?;
            let stored = Stored::read(f, &doc);
            if out.iter().any(|h| h.id == stored.id) {
                continue;
            }
            let chosen = if stored.lang == lang {
                stored
            } else {
                let versions = docs_of_id(searcher, f, &stored.id)?;
                pick_lang(&versions, lang).map_or(stored, |(_, s)| s)
            };
            let snippet = snippet::plain(&chosen.summary);
            out.push(chosen.into_hit(score, snippet));
        }
        Ok(out)
    }

    /// Number of indexed documents (case files).
    pub fn num_docs(&self) -> u64 {
        self.snapshot().searcher.num_docs()
    }
}

/// The searcher of `reader` with facet data for each segment (reused from `old` when the
/// segment is unchanged: segments are immutable, deletes are applied at collection time).
fn build_snapshot(
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
    Ok(Snapshot {
        searcher,
        segments: Arc::new(segments),
        table: Arc::new(table.clone()),
        title_rank: std::sync::OnceLock::new(),
        suggest_columns: std::sync::OnceLock::new(),
    })
}

/// A facet value id (`flooding/pluvial`) as a tantivy facet; `None` when it has no segment.
fn facet_of(id: &str) -> Option<Facet> {
    let parts: Vec<&str> = id
        .split('/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| Facet::from_path(parts))
}

/// A filter value as the index spells it: trimmed, no outer slashes, country codes upper-case.
fn normalize_filter_value(facet: &str, value: &str) -> String {
    if facet == "city" {
        // A city is one value even when its name has a slash (`Frankfurt/Main`): the facet
        // path joins its parts with `/` again.
        return facet_of(value)
            .map(|f| f.to_path().join("/"))
            .unwrap_or_default();
    }
    let v = value.trim().trim_matches('/');
    if facet == "country" {
        v.to_ascii_uppercase()
    } else {
        v.to_string()
    }
}

/// The request's selections as value indices per facet index (facets not in `FACETS` and
/// empty selections are ignored).
fn selections(table: &ValueTable, request: &SearchRequest) -> Vec<(u8, Vec<Option<u32>>)> {
    let mut out = Vec::new();
    for (fi, name) in FACETS.iter().enumerate() {
        let Some(values) = request.filters.get(*name) else {
            continue;
        };
        let ids: Vec<Option<u32>> = values
            .iter()
            .map(|v| normalize_filter_value(name, v))
            .filter(|v| !v.is_empty())
            .map(|v| table.get(fi as u8, &v))
            .collect();
        if !ids.is_empty() {
            out.push((fi as u8, ids));
        }
    }
    out
}

/// Facet counts for the response: every value with a count, plus every selected value (count
/// 0 when nothing matches it now), sorted by count then id, labelled in `ui_lang`.
fn facet_counts(
    table: &ValueTable,
    counts: &[u64],
    request: &SearchRequest,
    taxonomy: &Taxonomy,
    ui_lang: &str,
) -> BTreeMap<String, Vec<FacetCount>> {
    let mut per_facet: Vec<Vec<(String, u64)>> = vec![Vec::new(); FACETS.len()];
    for (v, (fi, id)) in table.names.iter().enumerate() {
        let c = counts.get(v).copied().unwrap_or(0);
        if c > 0
            && let Some(list) = per_facet.get_mut(*fi as usize)
        {
            list.push((id.clone(), c));
        }
    }
    let mut out = BTreeMap::new();
    for (fi, name) in FACETS.iter().enumerate() {
        if FILTER_ONLY.contains(name) {
            continue;
        }
        let mut list = std::mem::take(&mut per_facet[fi]);
        for v in request.filters.get(*name).into_iter().flatten() {
            let v = normalize_filter_value(name, v);
            if !v.is_empty() && !list.iter().any(|(id, _)| *id == v) {
                list.push((v, 0));
            }
        }
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let labelled = list
            .into_iter()
            .map(|(id, count)| FacetCount {
                label: if TAXONOMY_FACETS.contains(name) {
                    taxonomy.label(name, &id, ui_lang)
                } else {
                    builtin_label(name, &id, ui_lang)
                },
                id,
                count,
            })
            .collect();
        out.insert(name.to_string(), labelled);
    }
    out
}

/// The stored fields of a document, as a [`Hit`] needs them.
#[derive(Debug, Clone, Default)]
struct Stored {
    id: String,
    path: String,
    lang: String,
    title: String,
    city: String,
    summary: String,
    body: String,
    country: String,
    hazards: Vec<String>,
    sectors: Vec<String>,
    measures: Vec<String>,
    programmes: Vec<String>,
    region: String,
    case_type: String,
    status: String,
    started: Option<i32>,
}

impl Stored {
    fn read(f: &Fields, doc: &TantivyDocument) -> Stored {
        let text = |field: Field| -> String {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let facets = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_facet())
                .filter_map(|enc| Facet::from_encoded(enc.as_bytes().to_vec()).ok())
                .map(|facet| facet.to_path().join("/"))
                .collect()
        };
        let first = |field: Field| facets(field).into_iter().next().unwrap_or_default();
        Stored {
            id: text(f.id),
            path: text(f.path),
            lang: text(f.lang),
            title: text(f.title),
            city: text(f.city),
            summary: text(f.summary),
            body: text(f.body_stored),
            country: first(f.country),
            hazards: facets(f.hazard),
            sectors: facets(f.sector),
            measures: facets(f.measure),
            programmes: facets(f.programme),
            region: first(f.region),
            case_type: first(f.case_type),
            status: first(f.status),
            started: doc
                .get_first(f.started)
                .and_then(|v| v.as_i64())
                .and_then(|y| i32::try_from(y).ok()),
        }
    }

    fn into_hit(self, score: f32, snippet: String) -> Hit {
        Hit {
            id: self.id,
            title: self.title,
            city: self.city,
            country: self.country,
            lang: self.lang,
            score,
            snippet,
            hazards: self.hazards,
            sectors: self.sectors,
            measures: self.measures,
            programmes: self.programmes,
            region: self.region,
            case_type: self.case_type,
            status: self.status,
            started: self.started,
            path: self.path,
        }
    }
}

/// Every language version of case `id`.
fn docs_of_id(searcher: &Searcher, f: &Fields, id: &str) -> Result<Vec<(DocAddress, Stored)>> {
    let q = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
    let mut out = Vec::new();
    for (_, address) in searcher.search(&q, &TopDocs::with_limit(64).order_by_score())? {
        let doc: TantivyDocument = searcher.doc(address)?;
        out.push((address, Stored::read(f, &doc)));
    }
    Ok(out)
}

/// The version in `lang`, else English, else the first.
fn pick_lang(versions: &[(DocAddress, Stored)], lang: &str) -> Option<(DocAddress, Stored)> {
    versions
        .iter()
        .find(|(_, s)| s.lang == lang)
        .or_else(|| versions.iter().find(|(_, s)| s.lang == "en"))
        .or_else(|| versions.first())
        .cloned()
}

/// The tantivy document of one case file.
fn make_doc(f: &Fields, doc: &IndexDoc<'_>) -> TantivyDocument {
    let case = doc.case;
    let m = &case.meta;
    let headings = doc.headings.join("\n");
    let mut d = TantivyDocument::default();
    d.add_text(f.path, &case.path);
    d.add_text(f.id, &m.id);
    d.add_text(f.lang, &case.lang);
    for (en, cjk, text) in [
        (f.title, f.title_cjk, m.title.as_str()),
        (f.summary, f.summary_cjk, m.summary.as_str()),
        (f.headings, f.headings_cjk, headings.as_str()),
        (f.body, f.body_cjk, doc.text),
        (f.city, f.city_cjk, m.city.as_str()),
    ] {
        d.add_text(en, text);
        d.add_text(cjk, text);
        d.add_text(f.words, text);
    }
    let concepts = doc.concepts.join("\n");
    add_word_prefixes(
        f,
        &mut d,
        [
            m.title.as_str(),
            &m.summary,
            &headings,
            doc.text,
            &m.city,
            &concepts,
        ],
    );
    for label in doc.concepts {
        d.add_text(f.concepts, label);
        d.add_text(f.concepts_cjk, label);
        d.add_text(f.words, label);
    }
    d.add_text(f.title_raw, &m.title);
    d.add_text(f.city_raw, &m.city);
    for key in tokenizer::city_keys(&m.city) {
        d.add_text(f.city_key, key);
    }
    d.add_text(f.title_norm, tokenizer::normalize_title(&m.title));
    d.add_text(f.body_stored, truncate(doc.text, schema::BODY_STORED_MAX));
    if let Some(y) = m.started {
        d.add_i64(f.started, i64::from(y));
    }
    let mut facet = |field: Field, id: &str| {
        if let Some(facet) = facet_of(id) {
            d.add_facet(field, facet);
        }
    };
    for h in &m.hazards {
        facet(f.hazard, h);
    }
    for s in &m.sectors {
        facet(f.sector, s);
    }
    for x in &m.measures {
        facet(f.measure, x);
    }
    for p in &m.programmes {
        facet(f.programme, p);
    }
    facet(f.region, &m.region);
    facet(f.country, &m.country.to_ascii_uppercase());
    facet(f.case_type, m.case_type.as_str());
    facet(f.status, m.status.as_str());
    facet(f.language, &case.lang);
    if let Some(p) = m.population {
        facet(f.population, crate::geo::population_band(p));
    }
    if let Some(c) = m.coastal {
        facet(f.coastal, if c { "coastal" } else { "inland" });
    }
    facet(f.city_facet, m.city.trim());
    if let Some([lat, lon]) = m.coordinates {
        d.add_f64(f.lat, lat);
        d.add_f64(f.lon, lon);
    }
    d.add_u64(f.outcomes_n, m.outcomes.len() as u64);
    d.add_u64(f.sources_n, m.sources.len() as u64);
    d
}

/// Adds to `word_prefix` the distinct short prefixes of every word of `texts` (the same words
/// the `words` field indexes, so both prefix paths match the same documents).
fn add_word_prefixes<const N: usize>(f: &Fields, d: &mut TantivyDocument, texts: [&str; N]) {
    let mut analyzer = tokenizer::words_analyzer();
    let mut prefixes: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for text in texts {
        for token in tokenizer::tokens(&mut analyzer, text) {
            for (n, (i, c)) in token.text.char_indices().enumerate() {
                if n >= schema::SHORT_PREFIX_MAX {
                    break;
                }
                prefixes.insert(token.text[..i + c.len_utf8()].to_string());
            }
        }
    }
    for p in prefixes {
        d.add_text(f.word_prefix, p);
    }
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
