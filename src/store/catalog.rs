//! The `catalog` table: per library, what the index holds for each case file.

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use rusqlite::{Connection, params};
use std::collections::BTreeMap;

/// One file of a library as the last index run saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Case id, when the front matter parsed.
    pub id: Option<String>,
    /// Language from the file name.
    pub lang: String,
    /// blake3 hash of the bytes.
    pub hash: String,
    /// Modification time, seconds.
    pub mtime: i64,
    /// Size in bytes.
    pub size: u64,
    /// Whether the file has no errors.
    pub ok: bool,
    /// Hash of the version in the index, if any.
    pub indexed_hash: Option<String>,
    /// The file's own diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// Every entry of `library`, keyed by path.
pub fn load(conn: &Connection, library: &str) -> Result<BTreeMap<String, Entry>> {
    let mut stmt = conn.prepare(
        "SELECT path, id, lang, hash, mtime, size, ok, indexed_hash, diagnostics
         FROM catalog WHERE library = ?1",
    )?;
    let rows = stmt.query_map([library], |r| {
        let diags: String = r.get(8)?;
        Ok((
            r.get::<_, String>(0)?,
            Entry {
                id: r.get(1)?,
                lang: r.get(2)?,
                hash: r.get(3)?,
                mtime: r.get(4)?,
                size: r.get::<_, i64>(5)?.max(0) as u64,
                ok: r.get::<_, i64>(6)? != 0,
                indexed_hash: r.get(7)?,
                // Diagnostics are a cache of the file's check; an unreadable value only
                // means the file is checked again.
                diagnostics: serde_json::from_str::<Vec<StoredDiagnostic>>(&diags)
                    .map(|v| v.into_iter().map(Into::into).collect())
                    .unwrap_or_default(),
            },
        ))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (path, entry) = row?;
        out.insert(path, entry);
    }
    Ok(out)
}

/// Writes `changed` entries and deletes `removed` paths of `library` in one transaction.
pub fn save(
    conn: &mut Connection,
    library: &str,
    changed: &[(&String, &Entry)],
    removed: &[String],
) -> Result<()> {
    let tx = conn.transaction()?;
    {
        let mut up = tx.prepare_cached(
            "INSERT INTO catalog (library, path, id, lang, hash, mtime, size, ok, indexed_hash, diagnostics)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
             ON CONFLICT(library, path) DO UPDATE SET id = excluded.id, lang = excluded.lang,
               hash = excluded.hash, mtime = excluded.mtime, size = excluded.size, ok = excluded.ok,
               indexed_hash = excluded.indexed_hash, diagnostics = excluded.diagnostics",
        )?;
        for (path, e) in changed {
            let diags: Vec<StoredDiagnostic> = e.diagnostics.iter().map(Into::into).collect();
            up.execute(params![
                library,
                path,
                e.id,
                e.lang,
                e.hash,
                e.mtime,
                e.size as i64,
                e.ok as i64,
                e.indexed_hash,
                serde_json::to_string(&diags).unwrap_or_else(|_| "[]".into()),
            ])?;
        }
        let mut del = tx.prepare_cached("DELETE FROM catalog WHERE library = ?1 AND path = ?2")?;
        for path in removed {
            del.execute(params![library, path])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Forgets what the index holds for `library` (after the index was rebuilt empty).
pub fn forget_index(conn: &Connection, library: &str) -> Result<()> {
    conn.execute(
        "UPDATE catalog SET indexed_hash = NULL WHERE library = ?1",
        [library],
    )?;
    Ok(())
}

/// A diagnostic as stored in the catalog.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredDiagnostic {
    path: String,
    line: usize,
    column: usize,
    error: bool,
    message: String,
    hint: Option<String>,
}

impl From<&Diagnostic> for StoredDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        StoredDiagnostic {
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            error: d.severity == crate::Severity::Error,
            message: d.message.clone(),
            hint: d.hint.clone(),
        }
    }
}

impl From<StoredDiagnostic> for Diagnostic {
    fn from(s: StoredDiagnostic) -> Self {
        Diagnostic {
            path: s.path,
            line: s.line,
            column: s.column,
            severity: if s.error {
                crate::Severity::Error
            } else {
                crate::Severity::Warning
            },
            message: s.message,
            hint: s.hint,
        }
    }
}
