//! The `collections` and `collection_items` tables: named, ordered lists of case ids with a
//! note per item. Validation of names and notes is the caller's ([`crate::collection`]); this
//! module only reads and writes rows.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension, Row as SqlRow, params};

/// One collection with its number of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Row id.
    pub id: i64,
    /// Name, unique ignoring ASCII case.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Creation time, `YYYY-MM-DDTHH:MM:SSZ`.
    pub created: String,
    /// Last change, `YYYY-MM-DDTHH:MM:SSZ`.
    pub updated: String,
    /// Number of items.
    pub count: usize,
}

/// One item of a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The case id.
    pub case_id: String,
    /// The facilitator's note on this item.
    pub note: String,
    /// The last title the case was seen with.
    pub title: String,
}

const SELECT: &str = "SELECT c.id, c.name, c.description, c.created, c.updated,
       (SELECT COUNT(*) FROM collection_items i WHERE i.collection_id = c.id)
     FROM collections c";

fn row(r: &SqlRow<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        created: r.get(3)?,
        updated: r.get(4)?,
        count: usize::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
    })
}

/// Every collection, by name.
pub fn list(conn: &Connection) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY c.name COLLATE NOCASE, c.id"))?;
    let rows = stmt.query_map([], row)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The collection `id`.
pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Row>> {
    Ok(conn
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], row)
        .optional()?)
}

/// The collection called `name` (ignoring ASCII case).
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<Row>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE c.name = ?1 COLLATE NOCASE"),
            [name],
            row,
        )
        .optional()?)
}

/// Creates a collection and returns its id.
pub fn insert(conn: &Connection, name: &str, description: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO collections (name, description) VALUES (?1, ?2)",
        params![name, description],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Sets the name and description of `id` and marks it changed.
pub fn update(conn: &Connection, id: i64, name: &str, description: &str) -> Result<()> {
    conn.execute(
        "UPDATE collections SET name = ?2, description = ?3,
           updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        params![id, name, description],
    )?;
    Ok(())
}

/// Marks `id` changed.
pub fn touch(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "UPDATE collections SET updated = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Deletes `id` and its items.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM collection_items WHERE collection_id = ?1",
        [id],
    )?;
    conn.execute("DELETE FROM collections WHERE id = ?1", [id])?;
    Ok(())
}

/// The items of `id`, in order.
pub fn items(conn: &Connection, id: i64) -> Result<Vec<Item>> {
    let mut stmt = conn.prepare(
        "SELECT case_id, note, title FROM collection_items
         WHERE collection_id = ?1 ORDER BY position, case_id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Item {
            case_id: r.get(0)?,
            note: r.get(1)?,
            title: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Replaces the items of `id` with `items`, positions following their order.
pub fn set_items(conn: &Connection, id: i64, items: &[Item]) -> Result<()> {
    conn.execute(
        "DELETE FROM collection_items WHERE collection_id = ?1",
        [id],
    )?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO collection_items (collection_id, case_id, position, note, title)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, item) in items.iter().enumerate() {
        ins.execute(params![id, item.case_id, pos as i64, item.note, item.title])?;
    }
    Ok(())
}

/// Remembers `title` as the last known title of `case_id` in every collection.
pub fn remember_title(conn: &Connection, case_id: &str, title: &str) -> Result<()> {
    conn.execute(
        "UPDATE collection_items SET title = ?2 WHERE case_id = ?1 AND title <> ?2",
        params![case_id, title],
    )?;
    Ok(())
}

/// Every case id that is in at least one collection, sorted.
pub fn member_ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT case_id FROM collection_items ORDER BY case_id")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
