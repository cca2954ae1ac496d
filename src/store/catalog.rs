//! The `catalog` table: per library, what the index holds for each case file.

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use rusqlite::{Connection, params};
use std::collections::BTreeMap;
use std::sync::OnceLock;

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
    pub diagnostics: FileDiagnostics,
}

/// A file's diagnostics as the catalog keeps them. Those read from the store stay in their
/// stored form until first asked for: opening a library of 100,000 files then does not
/// decode 100,000 lists (a generated library with a warning in every file spent a fifth of
/// its open time there) before the first search can run.
#[derive(Debug, Clone, Default)]
pub struct FileDiagnostics {
    /// The stored JSON, when read from the store.
    stored: Option<String>,
    parsed: OnceLock<Vec<Diagnostic>>,
}

impl FileDiagnostics {
    /// The diagnostics.
    pub fn get(&self) -> &[Diagnostic] {
        self.parsed.get_or_init(|| {
            // Diagnostics are a cache of the file's check; an unreadable value only means the
            // file is checked again.
            self.stored
                .as_deref()
                .and_then(|json| serde_json::from_str::<Vec<StoredDiagnostic>>(json).ok())
                .map(|v| v.into_iter().map(Into::into).collect())
                .unwrap_or_default()
        })
    }

    /// How many there are, without decoding stored ones (every index run's report counts the
    /// diagnostics of every file; decoding 100,000 lists for a count made the first save
    /// after opening a large library slow). Each stored diagnostic is one object whose first
    /// key is `path`; inside a JSON string a quote is escaped, so `{"path":` occurs only
    /// where an object starts.
    pub fn len(&self) -> usize {
        match (&self.stored, self.parsed.get()) {
            (Some(json), None) => json.matches("{\"path\":").count(),
            _ => self.get().len(),
        }
    }

    /// The form the store keeps: the stored text as read when never decoded.
    fn to_json(&self) -> String {
        match (&self.stored, self.parsed.get()) {
            (Some(json), None) => json.clone(),
            _ => {
                let diags: Vec<StoredDiagnostic> = self.get().iter().map(Into::into).collect();
                serde_json::to_string(&diags).unwrap_or_else(|_| "[]".into())
            }
        }
    }
}

impl From<Vec<Diagnostic>> for FileDiagnostics {
    fn from(v: Vec<Diagnostic>) -> FileDiagnostics {
        FileDiagnostics {
            stored: None,
            parsed: OnceLock::from(v),
        }
    }
}

impl PartialEq for FileDiagnostics {
    fn eq(&self, other: &FileDiagnostics) -> bool {
        self.get() == other.get()
    }
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
                diagnostics: FileDiagnostics {
                    stored: Some(diags),
                    parsed: OnceLock::new(),
                },
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
                e.diagnostics.to_json(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(json: &str) -> FileDiagnostics {
        FileDiagnostics {
            stored: Some(json.to_string()),
            parsed: OnceLock::new(),
        }
    }

    #[test]
    fn stored_diagnostics_are_decoded_when_asked_for_and_kept_as_stored() {
        let d =
            Diagnostic::warning("a.md", 3, 1, "the case has only one source").with_hint("Add one.");
        let json = FileDiagnostics::from(vec![d.clone()]).to_json();
        let lazy = stored(&json);
        // Saved again or counted without being read: the stored text as it was.
        assert_eq!(lazy.to_json(), json);
        assert_eq!(lazy.len(), 1);
        let two = FileDiagnostics::from(vec![
            Diagnostic::warning("a.md", 1, 1, "a message quoting {\"path\": x}"),
            Diagnostic::error("a.md", 2, 1, "another"),
        ]);
        assert_eq!(stored(&two.to_json()).len(), 2);
        assert_eq!(stored("[]").len(), 0);
        assert_eq!(lazy.get(), [d]);
        // An unreadable value means no cached diagnostics (the file is checked again).
        assert!(stored("{not json").get().is_empty());
    }
}
