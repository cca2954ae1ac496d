//! Casebook core: load, validate, index and search a library of climate-action case studies.
//!
//! The library is a folder of markdown files with YAML front matter (see `cases/README.md`).
//! [`Engine`] is the one facade that the `casebook` CLI and the desktop shell both call:
//! every user-visible action is one method on it.
//!
//! The modules, in the order data flows from the folder to the user:
//!
//! 1. The folder's files and what they mean: [`identity`] (which files are cases, their
//!    language and paths) and [`filenames`] (names that work on every system); [`taxonomy`]
//!    and [`synonyms`], the curated vocabularies; [`front_matter`] (splitting and parsing a
//!    file), [`case`] (the parsed case), [`geo`] and [`markdown`] (the body as HTML and text).
//! 2. Loading and checking: [`library`] walks the folder and turns each file into a [`Case`]
//!    or [`Diagnostic`]s ([`diagnostic`]), with the checks across files.
//! 3. Keeping the index current: [`engine`] reconciles the folder with the search [`index`]
//!    (a tantivy cache of the folder) and records what it saw in the [`store`] (SQLite: the
//!    catalog, settings, collections and notes); `watch` (with the `watch` feature) reports changes as they are saved.
//! 4. Asking: [`search`] (the request and response shapes), [`explore`] (the map, counts and
//!    "cities like this one" over all matches) and [`collection`] (collections, notes and their
//!    exports).
//! 5. The user's side: [`engine`]'s [`Engine`] is the facade; [`cli`] is the command line,
//!    [`editor`] opens a problem's file in the curator's editor, and [`error`] is what fails.

#[cfg(test)]
mod bindings;
pub(crate) mod case;
pub mod cli;
pub mod collection;
pub(crate) mod diagnostic;
pub mod editor;
pub mod engine;
pub(crate) mod error;
pub mod explore;
pub(crate) mod filenames;
#[cfg(feature = "internals")]
pub mod front_matter;
#[cfg(not(feature = "internals"))]
pub(crate) mod front_matter;
pub(crate) mod geo;
pub mod identity;
#[cfg(feature = "internals")]
pub mod index;
#[cfg(not(feature = "internals"))]
pub(crate) mod index;
#[cfg(feature = "internals")]
pub mod library;
#[cfg(not(feature = "internals"))]
pub(crate) mod library;
pub mod links;
#[cfg(feature = "internals")]
pub mod markdown;
#[cfg(not(feature = "internals"))]
pub(crate) mod markdown;
pub(crate) mod search;
pub(crate) mod store;
#[cfg(feature = "internals")]
pub mod synonyms;
#[cfg(not(feature = "internals"))]
pub(crate) mod synonyms;
pub mod taxonomy;
pub mod user_settings;
#[cfg(feature = "watch")]
pub mod watch;

pub use case::{Case, CaseMeta, CaseType, CaseView, Outcome, Source, Status};
pub use diagnostic::{Diagnostic, Severity};
pub use engine::{Engine, IndexReport, LibraryInfo};
pub use error::{Error, ErrorPayload, Result};
pub use geo::{POPULATION_BANDS, population_band};
pub use search::{FacetCount, Hit, SearchRequest, SearchResponse, Suggestion};
pub use taxonomy::{Facet, Taxonomy, TaxonomyValue};
