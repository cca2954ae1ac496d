//! Watching the cases folder for changes (debounced), for live re-indexing.
