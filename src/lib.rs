//! Casebook core: load, validate, index and search a library of climate-action case studies.
//!
//! The library is a folder of markdown files with YAML front matter (see `cases/README.md`).
//! [`Engine`] is the one facade that the `casebook` CLI and the desktop shell both call:
//! every user-visible action is one method on it.

#[cfg(test)]
mod bindings;
pub mod case;
pub mod cli;
pub mod collection;
pub mod diagnostic;
pub mod editor;
pub mod engine;
pub mod error;
pub mod explore;
pub mod filenames;
pub mod front_matter;
pub mod geo;
pub mod identity;
pub mod index;
pub mod library;
pub mod links;
pub mod markdown;
pub mod search;
pub mod store;
pub mod synonyms;
pub mod taxonomy;
pub mod user_settings;
#[cfg(feature = "watch")]
pub mod watch;

pub use case::{Case, CaseMeta, CaseType, CaseView, Outcome, Source, Status};
pub use diagnostic::{Diagnostic, Severity};
pub use engine::{Engine, IndexReport, LibraryInfo};
pub use error::{Error, ErrorPayload, Result};
pub use search::{FacetCount, Hit, SearchRequest, SearchResponse, Suggestion};
pub use taxonomy::{Facet, Taxonomy, TaxonomyValue};
