//! The portable collection file (`.casebook-collection.json`): a collection a facilitator sends
//! to a colleague. Importing checks the whole file before writing anything and reports the case
//! ids the colleague's library lacks (they are kept, shown as missing).

use super::{CollectionSummary, MAX_ITEMS, check_case_id, check_text, clean_name, name_taken};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::store::collections::{self as table, Item};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// The value of `format` in a portable collection file.
pub const FORMAT: &str = "casebook-collection";
/// The version of the file format this build writes and reads.
pub const VERSION: u32 = 1;
/// The file name ending of a portable collection.
pub const EXTENSION: &str = ".casebook-collection.json";
/// Largest portable file read, in bytes (a full collection with long notes is far smaller).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Longest title kept for an item, in characters.
const MAX_TITLE_CHARS: usize = 1000;

/// A collection as a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PortableCollection {
    /// Always [`FORMAT`].
    pub format: String,
    /// File format version ([`VERSION`]).
    pub version: u32,
    /// Collection name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// When the file was written (`YYYY-MM-DD`).
    #[serde(default)]
    pub exported: String,
    /// The cases, in order.
    pub items: Vec<PortableItem>,
}

/// One case of a portable collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PortableItem {
    /// Case id.
    pub id: String,
    /// Title when exported (shown if the importing library lacks the case).
    #[serde(default)]
    pub title: String,
    /// The facilitator's note.
    #[serde(default)]
    pub note: String,
}

/// What an import did (IPC `import_collection`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    /// The new collection.
    pub collection: CollectionSummary,
    /// Case ids of the file that this library lacks (kept in the collection as missing).
    pub missing: Vec<String>,
}

/// Parses and checks a portable collection file; `source` names it in messages
/// (`path:line:col: what`).
pub fn parse(source: &str, bytes: &[u8]) -> Result<PortableCollection> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::InvalidArgument(format!(
            "{source}: the file is {} bytes; a collection file has at most {} MiB",
            bytes.len(),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let p: PortableCollection = serde_json::from_slice(bytes).map_err(|e| {
        Error::InvalidArgument(format!(
            "{source}:{}:{}: not a collection file: {e}; hint: export one with `casebook collection export NAME --format collection`",
            e.line(),
            e.column()
        ))
    })?;
    let bad = |what: String| Error::InvalidArgument(format!("{source}: {what}"));
    if p.format != FORMAT {
        return Err(bad(format!(
            "`format` is `{}`, expected `{FORMAT}`",
            p.format.chars().take(60).collect::<String>()
        )));
    }
    if p.version != VERSION {
        return Err(bad(format!(
            "file format version {} is not supported (this Casebook reads version {VERSION})",
            p.version
        )));
    }
    clean_name(&p.name).map_err(|e| bad(e.to_string()))?;
    check_text("description", &p.description).map_err(|e| bad(e.to_string()))?;
    if p.items.len() > MAX_ITEMS {
        return Err(bad(format!(
            "{} cases; a collection holds at most {MAX_ITEMS}",
            p.items.len()
        )));
    }
    let mut seen = HashSet::new();
    for (i, item) in p.items.iter().enumerate() {
        let at = |e: Error| bad(format!("item {}: {e}", i + 1));
        check_case_id(&item.id).map_err(at)?;
        if !seen.insert(item.id.as_str()) {
            return Err(at(Error::InvalidArgument(format!(
                "`{}` appears twice",
                item.id
            ))));
        }
        check_text("note", &item.note).map_err(at)?;
        if item.title.chars().count() > MAX_TITLE_CHARS || item.title.chars().any(char::is_control)
        {
            return Err(at(Error::InvalidArgument(
                "the title is not one line of at most 1000 characters".into(),
            )));
        }
    }
    Ok(p)
}

impl Engine {
    /// The collection `id` as a portable file's contents.
    pub fn portable(&self, id: i64) -> Result<PortableCollection> {
        let view = self.collection(id, Some("en"))?;
        Ok(PortableCollection {
            format: FORMAT.into(),
            version: VERSION,
            name: view.collection.name,
            description: view.collection.description,
            exported: crate::engine::today(),
            items: view
                .items
                .into_iter()
                .map(|i| PortableItem {
                    id: i.id,
                    title: i.title,
                    note: i.note,
                })
                .collect(),
        })
    }

    /// Imports a portable collection file (`source` names it in messages), under `name` when
    /// given, else under the file's name. The whole file is checked first; a bad file or a
    /// name that is taken writes nothing.
    pub fn import_collection(
        &self,
        source: &str,
        bytes: &[u8],
        name: Option<&str>,
    ) -> Result<ImportReport> {
        let mut p = parse(source, bytes)?;
        if let Some(n) = name {
            p.name = n.to_string();
        }
        self.restore_collection(&p)
    }

    /// Creates a collection from `p` (an import, or undoing a delete).
    pub fn restore_collection(&self, p: &PortableCollection) -> Result<ImportReport> {
        let name = clean_name(&p.name)?;
        check_text("description", &p.description)?;
        let mut missing = Vec::new();
        let mut items = Vec::with_capacity(p.items.len());
        for item in &p.items {
            check_case_id(&item.id)?;
            check_text("note", &item.note)?;
            let title = match self.case_if_present(&item.id, Some("en"))? {
                Some(view) => view.meta.title,
                None => {
                    missing.push(item.id.clone());
                    item.title.clone()
                }
            };
            items.push(Item {
                case_id: item.id.clone(),
                note: item.note.clone(),
                title,
            });
        }
        let id = self.store().write_durably(|tx| {
            if table::by_name(tx, &name)?.is_some() {
                return Err(name_taken(&name));
            }
            let id = table::insert(tx, &name, &p.description)?;
            table::set_items(tx, id, &items)?;
            Ok(id)
        })?;
        Ok(ImportReport {
            collection: self.collection(id, None)?.collection,
            missing,
        })
    }
}
