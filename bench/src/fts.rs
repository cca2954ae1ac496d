//! The SQLite FTS5 baseline: the same corpus and the same requests as the Casebook core,
//! answered the way a careful SQLite developer would.
//!
//! - One FTS5 table with the columns title, summary, headings, body and city (bm25 weights 4,
//!   2, 1.5, 1 and 2, the core's boosts), `unicode61 remove_diacritics 2` tokenizer and prefix
//!   indexes of 2 and 3 characters for as-you-type prefixes (`word*`).
//! - Japanese: `unicode61` keeps a run of kana/kanji as one token, and the `trigram` tokenizer
//!   cannot match the many two-character words (洪水, 浸水). So text written without spaces is
//!   also stored pre-segmented into overlapping character bigrams (a lone character as a
//!   unigram) in five `*_cjk` columns with the same weights, and a query word of such text
//!   becomes a phrase of its bigrams restricted to those columns: the same n-gram approach as
//!   the core, done outside SQLite because FTS5 has no bigram tokenizer.
//! - Concepts: the English and Japanese labels of each case's taxonomy values (as the core
//!   indexes them, from the corpus's `taxonomy.yaml`) in a `concepts` column and its bigram
//!   twin `concepts_cjk`, weight 0.5 like the core's, so both engines match the same files.
//! - Facet values live in an ordinary table `facet(facet, value, doc)`, parents stored next to
//!   their children so a parent filter is a plain `IN`. A request first materialises the match
//!   set with its bm25 score in a temporary table (one MATCH evaluation), then filters are
//!   joins on it (never pushed into MATCH), the total is a COUNT of distinct cases (a case and
//!   its translations count once, as in the core), the top hits the best file per case by
//!   score with LIMIT, snippets come from `snippet()` on the ten hits, and facet counts are GROUP BY
//!   queries over the filtered match set, each selected facet without its own filter
//!   (disjunctive faceting).

use crate::vocab::is_cjk;
use anyhow::{Context, Result, anyhow, bail};
use casebook::{CaseMeta, SearchRequest};
use rayon::prelude::*;
use rusqlite::types::Value;
use rusqlite::{Connection, params, params_from_iter};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// bm25 weights of the ten FTS5 columns (title, summary, headings, body, city, then the same
/// five for the bigram columns): the core's boosts.
const BM25: &str = "bm25(fts, 4.0, 2.0, 1.5, 1.0, 2.0, 4.0, 2.0, 1.5, 1.0, 2.0, 0.5, 0.5)";
/// The bigram columns, as an FTS5 column filter.
const CJK_COLUMNS: &str = "{title_cjk summary_cjk headings_cjk body_cjk city_cjk concepts_cjk}";

/// One case file as the baseline indexes it.
struct Doc {
    path: String,
    lang: String,
    meta: CaseMeta,
    headings: String,
    text: String,
    /// Labels of the case's taxonomy values, one per line.
    concepts: String,
}

/// The answer to one request (the parts the UI shows).
#[derive(Debug, Clone, Default)]
pub struct FtsResponse {
    /// Matching case files.
    pub total: u64,
    /// Top hits: (path, title, snippet).
    pub hits: Vec<(String, String, String)>,
    /// Facet name to (value, count), sorted by count then value.
    pub facets: BTreeMap<String, Vec<(String, u64)>>,
}

/// What a build did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FtsBuild {
    /// Files indexed.
    pub docs: usize,
    /// Files that could not be parsed (left out, like the core does).
    pub invalid: usize,
    /// Bytes of the database file after the build.
    pub bytes: u64,
}

/// An open baseline database.
pub struct Fts {
    conn: Connection,
    cases_dir: PathBuf,
    taxonomy: casebook::Taxonomy,
}

/// The taxonomy of a corpus (empty when it has none or it does not parse).
fn corpus_taxonomy(cases_dir: &Path) -> casebook::Taxonomy {
    std::fs::read_to_string(cases_dir.join("taxonomy.yaml"))
        .ok()
        .and_then(|t| casebook::taxonomy::parse(&t).0)
        .unwrap_or_default()
}

/// Plain text and headings of a markdown body: the core's own extraction, so both engines
/// index the same text.
fn plain_text(body: &str) -> (String, Vec<String>) {
    casebook::markdown::text_and_headings(body)
}

/// Overlapping character bigrams of every run of CJK text in `s`, space separated (a run of
/// one character gives that character). Non-CJK text is dropped: it is in the normal columns.
pub fn cjk_bigrams(s: &str) -> String {
    let mut out = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush = |run: &mut Vec<char>, out: &mut String| {
        if run.len() == 1 {
            out.push(run[0]);
            out.push(' ');
        }
        for w in run.windows(2) {
            out.push(w[0]);
            out.push(w[1]);
            out.push(' ');
        }
        run.clear();
    };
    for c in s.chars() {
        if is_cjk(c) {
            run.push(c);
        } else if !run.is_empty() {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn load_doc(cases_dir: &Path, path: &Path, taxonomy: &casebook::Taxonomy) -> Result<Doc> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let split = casebook::front_matter::split(&path.to_string_lossy(), &text)
        .map_err(|d| anyhow!("{d}"))?;
    let (fm, body) = (split.yaml.as_str(), split.body.as_str());
    let meta: CaseMeta = serde_saphyr::from_str(fm)
        .map_err(|e| anyhow!("{}: invalid front matter: {e}", path.display()))?;
    let rel = path
        .strip_prefix(cases_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let lang = casebook::identity::lang_of(&rel);
    let (body_text, headings) = plain_text(body);
    Ok(Doc {
        path: rel,
        lang,
        headings: headings.join("\n"),
        text: body_text,
        concepts: taxonomy.concept_labels(&meta).join("\n"),
        meta,
    })
}

/// Facet rows of a document: every value plus the parent of hierarchical values.
fn facet_rows(d: &Doc) -> Vec<(&'static str, String)> {
    let mut rows: Vec<(&'static str, String)> = Vec::new();
    let mut add = |facet: &'static str, v: &str| {
        let mut push = |v: String| {
            if !rows.iter().any(|(f, x)| *f == facet && *x == v) {
                rows.push((facet, v));
            }
        };
        if let Some((parent, _)) = v.split_once('/') {
            push(parent.to_string());
        }
        push(v.to_string());
    };
    for v in &d.meta.hazards {
        add("hazard", v);
    }
    for v in &d.meta.sectors {
        add("sector", v);
    }
    for v in &d.meta.measures {
        add("measure", v);
    }
    for v in &d.meta.programmes {
        add("programme", v);
    }
    add("region", &d.meta.region);
    add("country", &d.meta.country);
    add("type", d.meta.case_type.as_str());
    add("status", d.meta.status.as_str());
    add("language", &d.lang);
    if let Some(p) = d.meta.population {
        add("population", casebook::population_band(p));
    }
    if let Some(c) = d.meta.coastal {
        add("coastal", if c { "coastal" } else { "inland" });
    }
    rows
}

const SCHEMA: &str = "
CREATE TABLE docs(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL,
    case_no INTEGER NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL,
    started INTEGER,
    summary TEXT NOT NULL
);
CREATE VIRTUAL TABLE fts USING fts5(
    title, summary, headings, body, city, title_cjk, summary_cjk, headings_cjk, body_cjk, city_cjk,
    concepts, concepts_cjk,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
CREATE TABLE facet(
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (facet, value, doc)
) WITHOUT ROWID;
";

impl Fts {
    /// Builds the database `db` from every `.md` file under `cases_dir` (replacing `db`).
    pub fn build(cases_dir: &Path, db: &Path) -> Result<FtsBuild> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let p = PathBuf::from(format!("{}{suffix}", db.display()));
            if p.exists() {
                std::fs::remove_file(&p)
                    .with_context(|| format!("cannot remove {}", p.display()))?;
            }
        }
        if let Some(parent) = db.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let files = crate::corpus::markdown_files(cases_dir)?;
        // Reading and parsing is parallel (as the core may do); SQLite inserts are serial.
        let taxonomy = corpus_taxonomy(cases_dir);
        let docs: Vec<Result<Doc>> = files
            .par_iter()
            .map(|p| load_doc(cases_dir, p, &taxonomy))
            .collect();
        let mut conn =
            Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
        conn.execute_batch(SCHEMA)?;
        let mut out = FtsBuild::default();
        let tx = conn.transaction()?;
        {
            let mut ins_doc = tx.prepare(
                "INSERT INTO docs(id, path, case_id, lang, title, city, country, started, summary,
                 case_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut ins_fts = tx.prepare(
                "INSERT INTO fts(rowid, title, summary, headings, body, city, title_cjk, summary_cjk,
                 headings_cjk, body_cjk, city_cjk, concepts, concepts_cjk)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            let mut ins_facet =
                tx.prepare("INSERT INTO facet(facet, value, doc) VALUES (?1, ?2, ?3)")?;
            let mut id = 0i64;
            // Results and counts are per case (translations collapse, as in the core): each
            // case id gets a number so DISTINCT counts compare integers.
            let mut case_nos: std::collections::HashMap<String, i64> = Default::default();
            for d in docs {
                let d = match d {
                    Ok(d) => d,
                    Err(_) => {
                        out.invalid += 1;
                        continue;
                    }
                };
                id += 1;
                let m = &d.meta;
                let next = case_nos.len() as i64 + 1;
                let case_no = *case_nos.entry(m.id.clone()).or_insert(next);
                ins_doc.execute(params![
                    id, d.path, m.id, d.lang, m.title, m.city, m.country, m.started, m.summary,
                    case_no
                ])?;
                ins_fts.execute(params![
                    id,
                    m.title,
                    m.summary,
                    d.headings,
                    d.text,
                    m.city,
                    cjk_bigrams(&m.title),
                    cjk_bigrams(&m.summary),
                    cjk_bigrams(&d.headings),
                    cjk_bigrams(&d.text),
                    cjk_bigrams(&m.city),
                    d.concepts,
                    cjk_bigrams(&d.concepts)
                ])?;
                for (f, v) in facet_rows(&d) {
                    ins_facet.execute(params![f, v, id])?;
                }
                out.docs += 1;
            }
        }
        tx.commit()?;
        // Indexes after the bulk insert, then merge the FTS5 segments: the usual bulk-load
        // practice, counted in the build time.
        conn.execute_batch(
            "CREATE INDEX facet_doc ON facet(doc, facet, value);
             CREATE INDEX docs_case ON docs(case_id);
             CREATE INDEX docs_started ON docs(started);
             INSERT INTO fts(fts) VALUES ('optimize');
             ANALYZE;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )?;
        drop(conn);
        out.bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
        Ok(out)
    }

    /// Opens a built database for searching.
    pub fn open(cases_dir: &Path, db: &Path) -> Result<Fts> {
        if !db.exists() {
            bail!("{}: no FTS5 database (build it first)", db.display());
        }
        let conn = Connection::open(db).with_context(|| format!("cannot open {}", db.display()))?;
        conn.execute_batch(
            "PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -65536;
             CREATE TEMP TABLE IF NOT EXISTS m(rowid INTEGER PRIMARY KEY, score REAL NOT NULL);",
        )?;
        Ok(Fts {
            conn,
            cases_dir: cases_dir.to_path_buf(),
            taxonomy: corpus_taxonomy(cases_dir),
        })
    }

    /// Re-reads `paths` (absolute) and replaces their rows (the baseline's equivalent of the
    /// core's `update_paths`). Deleted or invalid files are removed.
    pub fn update_paths(&mut self, paths: &[PathBuf]) -> Result<()> {
        let cases_dir = self.cases_dir.clone();
        let docs: Vec<(String, Option<Doc>)> = paths
            .par_iter()
            .map(|p| {
                let rel = p
                    .strip_prefix(&cases_dir)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, load_doc(&cases_dir, p, &self.taxonomy).ok())
            })
            .collect();
        let tx = self.conn.transaction()?;
        for (rel, doc) in docs {
            let old: Option<i64> = tx
                .query_row("SELECT id FROM docs WHERE path = ?1", [&rel], |r| r.get(0))
                .ok();
            if let Some(id) = old {
                tx.execute("DELETE FROM docs WHERE id = ?1", [id])?;
                tx.execute("DELETE FROM fts WHERE rowid = ?1", [id])?;
                tx.execute("DELETE FROM facet WHERE doc = ?1", [id])?;
            }
            let Some(d) = doc else { continue };
            let m = &d.meta;
            let case_no: i64 = tx.query_row(
                "SELECT COALESCE((SELECT case_no FROM docs WHERE case_id = ?1 LIMIT 1),
                                 (SELECT COALESCE(MAX(case_no), 0) + 1 FROM docs))",
                [&m.id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO docs(id, path, case_id, lang, title, city, country, started, summary,
                 case_no) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    old, d.path, m.id, d.lang, m.title, m.city, m.country, m.started, m.summary,
                    case_no
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO fts(rowid, title, summary, headings, body, city, title_cjk, summary_cjk,
                 headings_cjk, body_cjk, city_cjk, concepts, concepts_cjk)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                params![
                    id,
                    m.title,
                    m.summary,
                    d.headings,
                    d.text,
                    m.city,
                    cjk_bigrams(&m.title),
                    cjk_bigrams(&m.summary),
                    cjk_bigrams(&d.headings),
                    cjk_bigrams(&d.text),
                    cjk_bigrams(&m.city),
                    d.concepts,
                    cjk_bigrams(&d.concepts)
                ],
            )?;
            for (f, v) in facet_rows(&d) {
                tx.execute(
                    "INSERT INTO facet(facet, value, doc) VALUES (?1, ?2, ?3)",
                    params![f, v, id],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Answers `req` like the core: top `limit` hits with snippets, the total and every facet's
    /// counts.
    pub fn search(&self, req: &SearchRequest) -> Result<FtsResponse> {
        let expr = to_match(&req.query)?;
        let conn = &self.conn;
        if let Some(e) = &expr {
            conn.execute("DELETE FROM temp.m", [])?;
            conn.prepare_cached(&format!(
                "INSERT INTO temp.m(rowid, score) SELECT rowid, {BM25} FROM fts WHERE fts MATCH ?1"
            ))?
            .execute([e])?;
        }
        let selected: Vec<(&str, &Vec<String>)> = req
            .filters
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        // The filtered set (ids and scores) leaving out the filter of facet `except`.
        let set = |except: Option<&str>| -> (String, Vec<Value>) {
            let mut sql = if expr.is_some() {
                "SELECT m.rowid AS id, m.score AS score, d.case_no AS cno FROM temp.m m JOIN docs d ON d.id = m.rowid WHERE 1".to_string()
            } else {
                "SELECT d.id AS id, 0.0 AS score, d.case_no AS cno FROM docs d WHERE 1".to_string()
            };
            let mut params: Vec<Value> = Vec::new();
            if let Some(from) = req.from {
                sql.push_str(" AND d.started >= ?");
                params.push(Value::Integer(from.into()));
            }
            if let Some(to) = req.to {
                sql.push_str(" AND d.started <= ?");
                params.push(Value::Integer(to.into()));
            }
            for (facet, values) in &selected {
                if Some(*facet) == except {
                    continue;
                }
                sql.push_str(" AND d.id IN (SELECT doc FROM facet WHERE facet = ? AND value IN (");
                params.push(Value::Text(facet.to_string()));
                for (k, v) in values.iter().enumerate() {
                    sql.push_str(if k == 0 { "?" } else { ", ?" });
                    params.push(Value::Text(v.clone()));
                }
                sql.push_str("))");
            }
            (sql, params)
        };
        let (all_sql, all_params) = set(None);
        let total: i64 = conn
            .prepare_cached(&format!("SELECT COUNT(DISTINCT cno) FROM ({all_sql})"))?
            .query_row(params_from_iter(all_params.iter()), |r| r.get(0))?;

        let limit = req.effective_limit() as i64;
        // One hit per case: its best-scoring file (SQLite takes the other columns from the row
        // of the MIN).
        let best = if expr.is_some() {
            "MIN(s.score)"
        } else {
            "MIN(s.id)"
        };
        let mut top_params = all_params.clone();
        top_params.push(Value::Integer(limit));
        top_params.push(Value::Integer(req.offset as i64));
        let mut top: Vec<(i64, String, String, String)> = conn
            .prepare_cached(&format!(
                "SELECT s.id, d.path, d.title, d.summary, {best} AS best
                 FROM ({all_sql}) s JOIN docs d ON d.id = s.id
                 GROUP BY s.cno ORDER BY best, s.cno LIMIT ? OFFSET ?"
            ))?
            .query_map(params_from_iter(top_params.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;

        let mut hits = Vec::with_capacity(top.len());
        if let Some(e) = &expr
            && !top.is_empty()
        {
            let marks = vec!["?"; top.len()].join(", ");
            let mut p: Vec<Value> = vec![Value::Text(e.clone())];
            p.extend(top.iter().map(|t| Value::Integer(t.0)));
            let snippets: BTreeMap<i64, String> = conn
                .prepare_cached(&format!(
                    "SELECT rowid, snippet(fts, -1, '<mark>', '</mark>', '…', 16) FROM fts
                     WHERE fts MATCH ? AND rowid IN ({marks})"
                ))?
                .query_map(params_from_iter(p.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, path, title, _) in top.drain(..) {
                let s = snippets.get(&id).cloned().unwrap_or_default();
                hits.push((path, title, s));
            }
        } else {
            for (_, path, title, summary) in top.drain(..) {
                let s: String = summary.chars().take(160).collect();
                hits.push((path, title, s));
            }
        }

        let mut facets: BTreeMap<String, Vec<(String, u64)>> = BTreeMap::new();
        // Facets without a selection share one GROUP BY over the fully filtered set.
        let mut p = all_params.clone();
        let mut not_in = String::new();
        for (k, (f, _)) in selected.iter().enumerate() {
            not_in.push_str(if k == 0 {
                " AND f.facet NOT IN (?"
            } else {
                ", ?"
            });
            p.push(Value::Text(f.to_string()));
        }
        if !selected.is_empty() {
            not_in.push(')');
        }
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT f.facet, f.value, COUNT(DISTINCT d.case_no) FROM facet f JOIN docs d ON d.id = f.doc
             WHERE f.doc IN (SELECT id FROM ({all_sql})){not_in} GROUP BY f.facet, f.value"
        ))?;
        let rows = stmt.query_map(params_from_iter(p.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (f, v, c) = row?;
            facets.entry(f).or_default().push((v, c as u64));
        }
        // Each selected facet counts over the set filtered by the other facets only.
        for (facet, _) in &selected {
            let (sql, mut p) = set(Some(facet));
            p.push(Value::Text(facet.to_string()));
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT f.value, COUNT(DISTINCT d.case_no) FROM facet f JOIN docs d ON d.id = f.doc
                 WHERE f.doc IN (SELECT id FROM ({sql})) AND f.facet = ? GROUP BY f.value"
            ))?;
            let counts: Vec<(String, u64)> = stmt
                .query_map(params_from_iter(p.iter()), |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
                })?
                .collect::<rusqlite::Result<_>>()?;
            facets.insert(facet.to_string(), counts);
        }
        for counts in facets.values_mut() {
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        Ok(FtsResponse {
            total: total as u64,
            hits,
            facets,
        })
    }
}

/// One piece of a query word: Latin text (tokenized by unicode61) or a CJK run.
fn pieces(word: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut cur = String::new();
    let mut cur_cjk = false;
    for c in word.chars() {
        let cjk = is_cjk(c);
        let token_char = cjk || c.is_alphanumeric();
        if (!token_char || cjk != cur_cjk) && !cur.is_empty() {
            out.push((cur_cjk, std::mem::take(&mut cur)));
        }
        if token_char {
            cur_cjk = cjk;
            cur.extend(c.to_lowercase());
        }
    }
    if !cur.is_empty() {
        out.push((cur_cjk, cur));
    }
    out
}

/// The FTS5 expression of a run of query words (a phrase when `phrase`), the last Latin token a
/// prefix when `prefix`.
fn expr_of(words: &[&str], phrase: bool, prefix: bool) -> Option<String> {
    let all: Vec<(bool, String)> = words.iter().flat_map(|w| pieces(w)).collect();
    if all.is_empty() {
        return None;
    }
    let last = all.len() - 1;
    let mut parts: Vec<String> = Vec::new();
    let mut latin: Vec<String> = Vec::new();
    let flush_latin = |latin: &mut Vec<String>, parts: &mut Vec<String>, star: bool| {
        if !latin.is_empty() {
            let q = format!("\"{}\"{}", latin.join(" "), if star { "*" } else { "" });
            parts.push(q);
            latin.clear();
        }
    };
    for (k, (cjk, text)) in all.iter().enumerate() {
        if *cjk {
            flush_latin(&mut latin, &mut parts, false);
            let grams = cjk_bigrams(text);
            parts.push(format!("{CJK_COLUMNS} : \"{}\"", grams.trim()));
        } else {
            latin.push(text.clone());
            // Outside a phrase each Latin token is its own term.
            if !phrase {
                flush_latin(&mut latin, &mut parts, prefix && k == last);
            }
        }
    }
    flush_latin(&mut latin, &mut parts, prefix && !phrase);
    Some(parts.join(" AND "))
}

/// Translates a query in the core's syntax (README, "Search syntax": words ANDed, the last word also a
/// prefix, `"phrases"`, `-word` excludes) into an FTS5 MATCH expression; `None` browses all.
pub fn to_match(query: &str) -> Result<Option<String>> {
    // Split on whitespace, keeping quoted phrases together.
    let mut terms: Vec<(bool, bool, Vec<&str>)> = Vec::new(); // (negated, phrase, words)
    let mut rest = query.trim();
    while !rest.is_empty() {
        let negated = rest.starts_with('-') && rest.len() > 1;
        let body = if negated { &rest[1..] } else { rest };
        if let Some(inner) = body.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            terms.push((negated, true, inner[..end].split_whitespace().collect()));
            rest = inner.get(end + 1..).unwrap_or("").trim_start();
        } else {
            let end = body.find(char::is_whitespace).unwrap_or(body.len());
            terms.push((negated, false, vec![&body[..end]]));
            rest = body[end..].trim_start();
        }
    }
    let last_plain = terms.iter().rposition(|t| !t.0 && !t.1);
    let last_positive = terms.iter().rposition(|t| !t.0);
    let mut positive = Vec::new();
    let mut negative = Vec::new();
    for (k, (neg, phrase, words)) in terms.iter().enumerate() {
        // The last word is a prefix only when it is the last positive term (what is being typed).
        let prefix = !neg && Some(k) == last_plain && Some(k) == last_positive;
        if let Some(e) = expr_of(words, *phrase, prefix) {
            if *neg {
                negative.push(e);
            } else {
                positive.push(format!("({e})"));
            }
        }
    }
    if positive.is_empty() {
        if negative.is_empty() {
            return Ok(None);
        }
        bail!("a query of only excluded words is not supported by the baseline");
    }
    let mut out = positive.join(" AND ");
    for n in negative {
        out = format!("({out}) NOT ({n})");
    }
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_queries() {
        assert_eq!(to_match("").ok().flatten(), None);
        assert_eq!(
            to_match("flood retro").ok().flatten().as_deref(),
            Some("(\"flood\") AND (\"retro\"*)")
        );
        assert_eq!(
            to_match("\"green roofs\" heat").ok().flatten().as_deref(),
            Some("(\"green roofs\") AND (\"heat\"*)")
        );
        assert_eq!(
            to_match("solar -wind").ok().flatten().as_deref(),
            Some("((\"solar\"*)) NOT (\"wind\")")
        );
        assert_eq!(
            to_match("洪水対策").ok().flatten().as_deref(),
            Some(
                "({title_cjk summary_cjk headings_cjk body_cjk city_cjk concepts_cjk} : \"洪水 水対 対策\")"
            )
        );
        assert!(to_match("-wind").is_err());
    }

    #[test]
    fn bigrams() {
        assert_eq!(cjk_bigrams("洪水対策 and 市"), "洪水 水対 対策 市 ");
        assert_eq!(cjk_bigrams("no cjk"), "");
    }
}
