//! Durable writes of user data: the one place that decides how collections and notes reach the
//! disk.

use super::Store;
use crate::error::Result;
use rusqlite::Transaction;

impl Store {
    /// Runs `f` in one transaction with `synchronous=FULL`, so a committed change to user data
    /// survives a crash of the app and a power cut (the catalog, a rebuildable cache, keeps the
    /// faster `NORMAL`). When `f` fails the transaction rolls back and nothing is written.
    pub(crate) fn write_durably<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.conn();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let result: Result<T> = (|| {
            let tx = conn.transaction()?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        // Back to the store's default even when the write failed.
        let restored = conn.pragma_update(None, "synchronous", "NORMAL");
        let value = result?;
        restored?;
        Ok(value)
    }
}
