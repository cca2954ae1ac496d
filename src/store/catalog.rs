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
    pub diagnostics: FileDiagnostics,
}

/// A file's diagnostics as the catalog keeps them in memory. Those of a file examined in this
/// session are here; those read from the store stay there, and only their number is kept: a
/// library of 100,000 files with a warning in each held 46 MB of stored text for a panel that
/// lists them on request (and decoding them all at open was a fifth of the open time).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileDiagnostics {
    /// The diagnostics, when the file was examined in this session.
    here: Option<Vec<Diagnostic>>,
    /// How many the store holds, when they are not here.
    stored: usize,
}

impl FileDiagnostics {
    /// The diagnostics when they are in memory; `None` when only the store has them (read
    /// them with [`stored_diagnostics`]).
    pub fn in_memory(&self) -> Option<&[Diagnostic]> {
        self.here.as_deref()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.here.as_ref().map_or(self.stored, Vec::len)
    }

    /// The stored form, or `None` when the store already has it (kept as it is on a save).
    fn to_json(&self) -> Option<String> {
        let diags: Vec<StoredDiagnostic> = self.here.as_ref()?.iter().map(Into::into).collect();
        Some(serde_json::to_string(&diags).unwrap_or_else(|_| "[]".into()))
    }

    /// Counts the stored text's diagnostics without decoding it. Each stored diagnostic is
    /// one object whose first key is `path`; inside a JSON string a quote is escaped, so
    /// `{"path":` occurs only where an object starts.
    fn count_stored(json: &str) -> usize {
        json.matches("{\"path\":").count()
    }
}

impl From<Vec<Diagnostic>> for FileDiagnostics {
    fn from(v: Vec<Diagnostic>) -> FileDiagnostics {
        FileDiagnostics {
            here: Some(v),
            stored: 0,
        }
    }
}

/// The stored diagnostics of every file of `library` that has some, by path. A value that
/// does not decode counts as none (they are a cache of the file's check).
pub fn stored_diagnostics(
    conn: &Connection,
    library: &str,
) -> Result<Vec<(String, Vec<Diagnostic>)>> {
    let mut stmt = conn.prepare(
        "SELECT path, diagnostics FROM catalog WHERE library = ?1 AND diagnostics <> '[]'",
    )?;
    let rows = stmt.query_map([library], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (path, json) = row?;
        let diags = serde_json::from_str::<Vec<StoredDiagnostic>>(&json)
            .map(|v| v.into_iter().map(Into::into).collect())
            .unwrap_or_default();
        out.push((path, diags));
    }
    Ok(out)
}

/// Every entry of `library`, keyed by path.
pub fn load(conn: &Connection, library: &str) -> Result<BTreeMap<String, Entry>> {
    let mut stmt = conn.prepare(
        "SELECT path, id, lang, hash, mtime, size, ok, indexed_hash, diagnostics
         FROM catalog WHERE library = ?1",
    )?;
    let rows = stmt.query_map([library], |r| {
        // Counted in place: the text is not copied out of SQLite.
        let stored = FileDiagnostics::count_stored(r.get_ref(8)?.as_str()?);
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
                diagnostics: FileDiagnostics { here: None, stored },
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
        // An entry whose diagnostics are only in the store keeps the stored ones.
        let mut keep = tx.prepare_cached(
            "UPDATE catalog SET id = ?3, lang = ?4, hash = ?5, mtime = ?6, size = ?7, ok = ?8,
               indexed_hash = ?9
             WHERE library = ?1 AND path = ?2",
        )?;
        for (path, e) in changed {
            let json = e.diagnostics.to_json();
            let fields = params![
                library,
                path,
                e.id,
                e.lang,
                e.hash,
                e.mtime,
                e.size as i64,
                e.ok as i64,
                e.indexed_hash,
            ];
            let kept = json.is_none() && keep.execute(fields)? == 1;
            if !kept {
                // No row to keep diagnostics in (another process removed it): the file's
                // diagnostics are unknown here, so none are stored and its next change
                // checks it again.
                let json = json.unwrap_or_else(|| "[]".into());
                let mut all = fields.to_vec();
                all.push(&json);
                up.execute(all.as_slice())?;
            }
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

    fn open() -> Connection {
        let mut conn = Connection::open_in_memory().expect("sqlite");
        super::super::migrate(&mut conn, None).expect("migrations");
        conn
    }

    fn entry(diagnostics: FileDiagnostics) -> Entry {
        Entry {
            id: Some("a".into()),
            lang: "en".into(),
            hash: "h1".into(),
            mtime: 1,
            size: 2,
            ok: true,
            indexed_hash: None,
            diagnostics,
        }
    }

    #[test]
    fn stored_diagnostics_are_counted_at_load_and_read_when_asked_for() {
        let mut conn = open();
        let one =
            Diagnostic::warning("a.md", 3, 1, "the case has only one source").with_hint("Add one.");
        let two = vec![
            Diagnostic::warning("b.md", 1, 1, "a message quoting {\"path\": x}"),
            Diagnostic::error("b.md", 2, 1, "another"),
        ];
        let (a, b, c) = ("a.md".to_string(), "b.md".to_string(), "c.md".to_string());
        let rows = [
            (&a, &entry(vec![one.clone()].into())),
            (&b, &entry(two.clone().into())),
            (&c, &entry(Vec::new().into())),
        ];
        save(&mut conn, "lib", &rows, &[]).expect("save");

        let loaded = load(&conn, "lib").expect("load");
        let counts: Vec<(usize, bool)> = loaded
            .values()
            .map(|e| (e.diagnostics.len(), e.diagnostics.in_memory().is_none()))
            .collect();
        assert_eq!(counts, [(1, true), (2, true), (0, true)]);
        let stored = stored_diagnostics(&conn, "lib").expect("read");
        assert_eq!(stored, [(a.clone(), vec![one.clone()]), (b.clone(), two)]);

        // Saved again without being read (a new mtime, say): the stored ones are kept.
        let mut again = loaded["a.md"].clone();
        again.mtime = 5;
        save(&mut conn, "lib", &[(&a, &again)], &[]).expect("save again");
        let stored = stored_diagnostics(&conn, "lib").expect("read");
        assert_eq!(stored[0], (a.clone(), vec![one]));
        assert_eq!(load(&conn, "lib").expect("load")["a.md"].mtime, 5);

        // Examined again: the new diagnostics replace them.
        save(&mut conn, "lib", &[(&a, &entry(Vec::new().into()))], &[]).expect("save new");
        let paths: Vec<String> = stored_diagnostics(&conn, "lib")
            .expect("read")
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(paths, [b]);
    }

    #[test]
    fn an_entry_whose_row_is_gone_is_written_without_diagnostics() {
        let mut conn = open();
        let a = "a.md".to_string();
        let only_stored = entry(FileDiagnostics {
            here: None,
            stored: 1,
        });
        save(&mut conn, "lib", &[(&a, &only_stored)], &[]).expect("save");
        assert_eq!(
            load(&conn, "lib").expect("load")["a.md"].diagnostics.len(),
            0
        );
    }

    #[test]
    fn undecodable_stored_diagnostics_count_as_none() {
        let conn = open();
        conn.execute(
            "INSERT INTO catalog (library, path, id, lang, hash, mtime, size, ok, indexed_hash, diagnostics)
             VALUES ('lib', 'a.md', NULL, 'en', 'h', 0, 0, 1, NULL, '{not json')",
            [],
        )
        .expect("insert");
        assert_eq!(
            stored_diagnostics(&conn, "lib").expect("read"),
            [("a.md".to_string(), Vec::new())]
        );
    }
}
