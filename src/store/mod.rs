//! The user-data store (SQLite, WAL): settings, the index catalog, and room for collections and
//! notes. The only state that cannot be rebuilt, so every write is a transaction and the schema
//! changes only through numbered migrations embedded in the binary.

pub mod catalog;
pub mod collections;
mod durable;
pub mod notes;
mod recovery;
pub mod settings;

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Numbered migrations; `PRAGMA user_version` records how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_collections.sql"),
];

/// The store. `Send + Sync`: one connection behind a mutex (writes are tiny and rare).
pub struct Store {
    conn: Mutex<Connection>,
    /// Where a damaged store file was moved when this one started fresh.
    recovered: Option<PathBuf>,
}

impl Store {
    /// Opens (creating when missing) the store at `path` and runs pending migrations.
    ///
    /// A file that is not a usable database is moved aside (see [`Store::recovered`]) and a
    /// fresh store starts; a file made by a newer Casebook is left alone and refused with
    /// [`Error::NewerData`].
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        match Self::init(Connection::open(path)?, Some(path)) {
            Err(e) if recovery::is_damaged(&e) => {
                let aside = recovery::move_aside(path)?;
                let mut store = Self::init(Connection::open(path)?, Some(path))?;
                store.recovered = Some(aside);
                Ok(store)
            }
            other => other,
        }
    }

    /// Where the damaged store file was moved when [`Store::open`] had to start a fresh one.
    pub fn recovered(&self) -> Option<&Path> {
        self.recovered.as_deref()
    }

    fn init(mut conn: Connection, path: Option<&Path>) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        recovery::quick_check(&conn)?;
        migrate(&mut conn, path)?;
        Ok(Store {
            conn: Mutex::new(conn),
            recovered: None,
        })
    }

    /// The connection. A poisoned lock only means another thread panicked mid-call; SQLite's
    /// transactions kept the data consistent, so carry on.
    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A user setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        settings::get(&self.conn(), key)
    }

    /// Saves a user setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        settings::set(&self.conn(), key, value)
    }
}

/// Runs the migrations the database has not seen, each in its own transaction.
fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    let done: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let done = usize::try_from(done).unwrap_or(0);
    if done > MIGRATIONS.len() {
        return Err(Error::NewerData {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            found: done,
            known: MIGRATIONS.len(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_settings_persist() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("store.sqlite");
        {
            let s = Store::open(&path).expect("open");
            s.set_setting("ui_lang", "ja").expect("set");
        }
        let s = Store::open(&path).expect("reopen");
        assert_eq!(s.setting("ui_lang").expect("get").as_deref(), Some("ja"));
        assert_eq!(s.setting("missing").expect("get"), None);
        let version: i64 = s
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(version as usize, MIGRATIONS.len());
    }
}
