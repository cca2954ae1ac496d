//! The index schema: one struct of documented fields.

/// Bumped whenever the schema or tokenizers change; a different version triggers a rebuild.
pub const SCHEMA_VERSION: u32 = 1;

/// The fields of the index.
pub struct Fields {}
