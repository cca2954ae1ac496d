//! The user-data store (SQLite): the index catalog, settings, and later collections and notes.

use crate::error::Result;

/// The store. `Send + Sync`.
pub struct Store {}

impl Store {
    /// A setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        let _ = key;
        Ok(None)
    }
    /// Saves a setting.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        let _ = (key, value);
        Ok(())
    }
}
