//! The `notes` table: one personal note per case id, independent of collections.

use super::Store;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// The note on `case_id`, if any.
pub fn get(conn: &Connection, case_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT body FROM notes WHERE case_id = ?1",
            [case_id],
            |r| r.get::<_, String>(0),
        )
        .optional()?)
}

/// Every case id that has a note, sorted.
pub fn ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT case_id FROM notes ORDER BY case_id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Sets the note on `case_id`; an empty `body` deletes it.
pub fn set(conn: &Connection, case_id: &str, body: &str) -> Result<()> {
    if body.is_empty() {
        conn.execute("DELETE FROM notes WHERE case_id = ?1", [case_id])?;
    } else {
        conn.execute(
            "INSERT INTO notes (case_id, body) VALUES (?1, ?2)
             ON CONFLICT(case_id) DO UPDATE SET body = excluded.body,
               updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            params![case_id, body],
        )?;
    }
    Ok(())
}

impl Store {
    /// The personal note on `case_id`, if any.
    pub fn note(&self, case_id: &str) -> Result<Option<String>> {
        get(&self.conn(), case_id)
    }

    /// Saves (or, when empty, deletes) the personal note on `case_id`, durably.
    pub fn set_note(&self, case_id: &str, body: &str) -> Result<()> {
        self.write_durably(|tx| set(tx, case_id, body))
    }

    /// Case ids that have a personal note.
    pub fn noted_ids(&self) -> Result<Vec<String>> {
        ids(&self.conn())
    }
}
