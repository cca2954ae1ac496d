//! Collections (workshop playlists) and personal notes: the [`Engine`] methods, the rules for
//! names and notes, and the exports (CSV, JSON, the portable collection file and, with the
//! `pdf` feature, the printable handout).
//!
//! Items refer to cases by id and remember the last title their case had, so a case that left
//! the library stays in its collections, shown as missing. Every write is one durable
//! transaction: a rejected input writes nothing.

pub mod compare;
pub mod export;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod portable;
pub mod save;

use crate::case::CaseView;
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::identity::is_valid_id;
use crate::store::collections::{self as table, Item, Row};
use serde::Serialize;
use ts_rs::TS;

/// Longest collection name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest description, facilitator note or personal note, in bytes (64 KiB: pages of text,
/// far below anything that would slow the store or the handout).
pub const MAX_NOTE_BYTES: usize = 64 * 1024;
/// Most cases in one collection (a workshop shows a handful; a handout of this many is long).
pub const MAX_ITEMS: usize = 1000;

/// A collection at a glance (IPC `collections`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CollectionSummary {
    /// Stable id of the collection.
    #[ts(type = "number")]
    pub id: i64,
    /// Name, unique ignoring case.
    pub name: String,
    /// Free-text description.
    pub description: String,
    /// Number of cases.
    pub count: usize,
    /// Creation time (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub created: String,
    /// Last change (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub updated: String,
}

/// One case of a collection as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CollectionItem {
    /// Case id.
    pub id: String,
    /// Title in the requested language; for a missing case, the last title it was seen with.
    pub title: String,
    /// City (empty when missing).
    pub city: String,
    /// Country code (empty when missing).
    pub country: String,
    /// Language of the shown title (empty when missing).
    pub lang: String,
    /// Whether the case is no longer in the library.
    pub missing: bool,
    /// The facilitator's note on this item.
    pub note: String,
}

/// A collection with its cases in order (IPC `collection`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CollectionView {
    /// The collection.
    pub collection: CollectionSummary,
    /// Its cases, in order.
    pub items: Vec<CollectionItem>,
}

impl From<Row> for CollectionSummary {
    fn from(r: Row) -> Self {
        CollectionSummary {
            id: r.id,
            name: r.name,
            description: r.description,
            count: r.count,
            created: r.created,
            updated: r.updated,
        }
    }
}

/// A valid collection name: trimmed, not empty, at most [`MAX_NAME_CHARS`], no control
/// characters.
pub fn clean_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::InvalidArgument(
            "a collection needs a name, e.g. `Heat workshop`".into(),
        ));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Error::InvalidArgument(format!(
            "a collection name has at most {MAX_NAME_CHARS} characters (this one has {chars})"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::InvalidArgument(
            "a collection name is one line of text without control characters".into(),
        ));
    }
    Ok(name.to_string())
}

/// Checks the size of a note or description (`what` names it in the message).
pub fn check_text(what: &str, text: &str) -> Result<()> {
    if text.len() > MAX_NOTE_BYTES {
        return Err(Error::InvalidArgument(format!(
            "the {what} is {} bytes; at most {} KiB are kept",
            text.len(),
            MAX_NOTE_BYTES / 1024
        )));
    }
    if text.contains('\0') {
        return Err(Error::InvalidArgument(format!(
            "the {what} contains a NUL character"
        )));
    }
    Ok(())
}

fn check_case_id(id: &str) -> Result<()> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "invalid case id `{}`: ids are lower-case letters, digits and `-`",
            id.chars().take(120).collect::<String>()
        )))
    }
}

/// The error for a collection name that is taken.
fn name_taken(name: &str) -> Error {
    Error::InvalidArgument(format!(
        "a collection named `{name}` already exists; choose another name"
    ))
}

impl Engine {
    /// Every collection, by name.
    pub fn collections(&self) -> Result<Vec<CollectionSummary>> {
        let rows = table::list(&self.store().conn())?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The collection called `name` (ignoring case).
    pub fn find_collection(&self, name: &str) -> Result<CollectionSummary> {
        table::by_name(&self.store().conn(), name.trim())?
            .map(Into::into)
            .ok_or_else(|| {
                Error::NoCollection(format!(
                    "no collection is named `{}`; `casebook collection list` shows them",
                    name.trim()
                ))
            })
    }

    fn collection_row(&self, id: i64) -> Result<Row> {
        table::by_id(&self.store().conn(), id)?
            .ok_or_else(|| Error::NoCollection(format!("no collection has the id {id}")))
    }

    /// The collection `id` with its cases in order, titles in `lang` where a translation
    /// exists. A case no longer in the library is listed as missing with its last known title.
    pub fn collection(&self, id: i64, lang: Option<&str>) -> Result<CollectionView> {
        let row = self.collection_row(id)?;
        let items = table::items(&self.store().conn(), id)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(match self.case_if_present(&item.case_id, lang)? {
                Some(view) => {
                    self.remember_title(&item, &view)?;
                    CollectionItem {
                        id: item.case_id,
                        title: view.meta.title,
                        city: view.meta.city,
                        country: view.meta.country,
                        lang: view.lang,
                        missing: false,
                        note: item.note,
                    }
                }
                None => CollectionItem {
                    id: item.case_id,
                    title: item.title,
                    city: String::new(),
                    country: String::new(),
                    lang: String::new(),
                    missing: true,
                    note: item.note,
                },
            });
        }
        Ok(CollectionView {
            collection: row.into(),
            items: out,
        })
    }

    /// The case `id`, or `None` when the library does not have it.
    pub(crate) fn case_if_present(&self, id: &str, lang: Option<&str>) -> Result<Option<CaseView>> {
        match self.case(id, lang) {
            Ok(v) => Ok(Some(v)),
            Err(Error::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The markdown body of the case `id` in `lang` (or its fallback), re-read from its file.
    pub(crate) fn case_body(&self, id: &str, lang: &str) -> Result<String> {
        let view = self.case(id, Some(lang))?;
        let path = crate::identity::abs_path(self.cases_dir(), &view.path);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let text = crate::front_matter::decode(&view.path, &bytes)
            .map_err(|d| Error::Export(d.to_string()))?;
        Ok(crate::front_matter::split(&view.path, &text)
            .map(|s| s.body.to_string())
            .unwrap_or_default())
    }

    /// Keeps the English (or only) title of a present case as its last known title.
    fn remember_title(&self, item: &Item, view: &CaseView) -> Result<()> {
        let title = if view.lang == "en" || view.languages.len() == 1 {
            view.meta.title.clone()
        } else {
            match self.case_if_present(&item.case_id, Some("en"))? {
                Some(en) => en.meta.title,
                None => return Ok(()),
            }
        };
        if title != item.title {
            self.store()
                .write_durably(|tx| table::remember_title(tx, &item.case_id, &title))?;
        }
        Ok(())
    }

    /// Creates an empty collection.
    pub fn create_collection(&self, name: &str, description: &str) -> Result<CollectionSummary> {
        let name = clean_name(name)?;
        check_text("description", description)?;
        let id = self.store().write_durably(|tx| {
            if table::by_name(tx, &name)?.is_some() {
                return Err(name_taken(&name));
            }
            table::insert(tx, &name, description)
        })?;
        Ok(self.collection_row(id)?.into())
    }

    /// Renames the collection `id`.
    pub fn rename_collection(&self, id: i64, name: &str) -> Result<CollectionSummary> {
        let name = clean_name(name)?;
        self.store().write_durably(|tx| {
            let row = table::by_id(tx, id)?
                .ok_or_else(|| Error::NoCollection(format!("no collection has the id {id}")))?;
            if table::by_name(tx, &name)?.is_some_and(|other| other.id != id) {
                return Err(name_taken(&name));
            }
            table::update(tx, id, &name, &row.description)
        })?;
        Ok(self.collection_row(id)?.into())
    }

    /// Sets the description of the collection `id`.
    pub fn describe_collection(&self, id: i64, description: &str) -> Result<CollectionSummary> {
        check_text("description", description)?;
        let row = self.collection_row(id)?;
        self.store()
            .write_durably(|tx| table::update(tx, id, &row.name, description))?;
        Ok(self.collection_row(id)?.into())
    }

    /// Deletes the collection `id` and returns what it held, so the app can undo by
    /// importing it again ([`Engine::restore_collection`]).
    pub fn delete_collection(&self, id: i64) -> Result<portable::PortableCollection> {
        let snapshot = self.portable(id)?;
        self.store().write_durably(|tx| table::delete(tx, id))?;
        Ok(snapshot)
    }

    /// Appends the cases `case_ids` to the collection `id`, in order. Every id must be a case
    /// of the library and not yet in the collection; otherwise nothing is added.
    pub fn add_to_collection(&self, id: i64, case_ids: &[String]) -> Result<CollectionSummary> {
        self.collection_row(id)?;
        let mut found = Vec::with_capacity(case_ids.len());
        for cid in case_ids {
            check_case_id(cid)?;
            let view = self
                .case_if_present(cid, Some("en"))?
                .ok_or_else(|| Error::NotFound(cid.clone()))?;
            found.push(Item {
                case_id: cid.clone(),
                note: String::new(),
                title: view.meta.title,
            });
        }
        self.edit_items(id, |items| {
            for new in found {
                if items.iter().any(|i| i.case_id == new.case_id) {
                    return Err(Error::InvalidArgument(format!(
                        "`{}` is already in this collection",
                        new.case_id
                    )));
                }
                items.push(new);
            }
            Ok(())
        })
    }

    /// Removes the case `case_id` from the collection `id`.
    pub fn remove_from_collection(&self, id: i64, case_id: &str) -> Result<CollectionSummary> {
        self.edit_items(id, |items| {
            let at = position_of(items, case_id)?;
            items.remove(at);
            Ok(())
        })
    }

    /// Moves the case `case_id` to `position` (0-based) in the collection `id`.
    pub fn move_in_collection(
        &self,
        id: i64,
        case_id: &str,
        position: usize,
    ) -> Result<CollectionSummary> {
        self.edit_items(id, |items| {
            let at = position_of(items, case_id)?;
            if position >= items.len() {
                return Err(Error::InvalidArgument(format!(
                    "position {} is outside the collection (1 to {})",
                    position + 1,
                    items.len()
                )));
            }
            let item = items.remove(at);
            items.insert(position, item);
            Ok(())
        })
    }

    /// Sets the facilitator's note on `case_id` in the collection `id` (empty clears it).
    pub fn set_item_note(&self, id: i64, case_id: &str, note: &str) -> Result<CollectionSummary> {
        check_text("note", note)?;
        self.edit_items(id, |items| {
            let at = position_of(items, case_id)?;
            items[at].note = note.to_string();
            Ok(())
        })
    }

    /// Reads the items of `id`, lets `edit` change them, and writes them back in one durable
    /// transaction; an error from `edit` writes nothing.
    fn edit_items(
        &self,
        id: i64,
        edit: impl FnOnce(&mut Vec<Item>) -> Result<()>,
    ) -> Result<CollectionSummary> {
        self.store().write_durably(|tx| {
            if table::by_id(tx, id)?.is_none() {
                return Err(Error::NoCollection(format!(
                    "no collection has the id {id}"
                )));
            }
            let mut items = table::items(tx, id)?;
            edit(&mut items)?;
            if items.len() > MAX_ITEMS {
                return Err(Error::InvalidArgument(format!(
                    "a collection holds at most {MAX_ITEMS} cases"
                )));
            }
            table::set_items(tx, id, &items)?;
            table::touch(tx, id)
        })?;
        Ok(self.collection_row(id)?.into())
    }

    /// Ids of the cases that are in at least one collection (the "saved" marker of results).
    pub fn collected_case_ids(&self) -> Result<Vec<String>> {
        table::member_ids(&self.store().conn())
    }

    /// The personal note on the case `case_id` (empty when none).
    pub fn note(&self, case_id: &str) -> Result<String> {
        check_case_id(case_id)?;
        Ok(self.store().note(case_id)?.unwrap_or_default())
    }

    /// Saves the personal note on the case `case_id`; an empty note deletes it. The case must
    /// be in the library.
    pub fn set_note(&self, case_id: &str, note: &str) -> Result<()> {
        check_case_id(case_id)?;
        check_text("note", note)?;
        if !note.is_empty() && self.case_if_present(case_id, None)?.is_none() {
            return Err(Error::NotFound(case_id.to_string()));
        }
        self.store().set_note(case_id, note)
    }

    /// Ids of the cases that have a personal note.
    pub fn noted_case_ids(&self) -> Result<Vec<String>> {
        self.store().noted_ids()
    }
}

fn position_of(items: &[Item], case_id: &str) -> Result<usize> {
    items
        .iter()
        .position(|i| i.case_id == case_id)
        .ok_or_else(|| Error::InvalidArgument(format!("`{case_id}` is not in this collection")))
}

#[cfg(test)]
mod export_tests;
#[cfg(test)]
mod tests;
