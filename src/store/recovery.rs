//! What happens when the store file cannot be used: the store holds the only data that cannot
//! be rebuilt, so a damaged file is never deleted or overwritten. It is moved aside (with its
//! WAL and shared-memory files) under a name that says when, and a fresh store starts; the
//! caller tells the user where the old file is.

use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode};
use std::path::{Path, PathBuf};

/// Whether `e` says the file is not a usable SQLite database (garbage, truncated, damaged).
pub(super) fn is_damaged(e: &Error) -> bool {
    match e {
        Error::Store(rusqlite::Error::SqliteFailure(f, _)) => {
            matches!(f.code, ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
        }
        _ => false,
    }
}

/// Fails with a `DatabaseCorrupt` store error unless SQLite's quick check passes: a file can
/// open and still be damaged inside.
pub(super) fn quick_check(conn: &Connection) -> Result<()> {
    let verdict: String = conn.pragma_query_value(None, "quick_check", |r| r.get(0))?;
    if verdict == "ok" {
        return Ok(());
    }
    Err(Error::Store(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
        Some(format!("quick_check: {verdict}")),
    )))
}

/// Moves `path` and its `-wal`/`-shm` companions to `<name>.damaged-<unix seconds>[-n]` in the
/// same folder and returns the new path of the main file.
pub(super) fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "casebook.sqlite".into());
    let mut n = 0;
    let aside = loop {
        let suffix = if n == 0 {
            format!("damaged-{stamp}")
        } else {
            format!("damaged-{stamp}-{n}")
        };
        let candidate = path.with_file_name(format!("{name}.{suffix}"));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    std::fs::rename(path, &aside).map_err(|e| Error::io(path, e))?;
    for ext in ["-wal", "-shm"] {
        let from = path.with_file_name(format!("{name}{ext}"));
        if from.exists() {
            let to = aside.with_file_name(format!(
                "{}{ext}",
                aside
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default()
            ));
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        }
    }
    Ok(aside)
}
