//! Walking the cases folder and loading every file into a [`crate::Case`] or diagnostics.
