//! The query language of the search box (README, "Search syntax"), parsed leniently, and its translation into
//! tantivy queries.
//!
//! Syntax: words (ANDed); `"quoted phrases"` (also `“…”` and `「…」`); `-word` / `NOT word`
//! excludes; `a OR b`; `title:x`, `city:x`, `country:xx` (also with a phrase); a trailing `*`
//! marks a prefix. The last word is a prefix too unless the query ends with a space (the user
//! has finished it). Anything else — stray quotes, colons, dashes, brackets, operators, emoji —
//! is treated as text, and text without a word character is ignored, so parsing never fails.
//!
//! From the search box to tantivy, in order:
//! - `parse`: the text of the box to [`Parsed`] items (never fails);
//! - `compile`: items to one tantivy query ([`Builder`]), with the proximity and exact-title
//!   boosts (synonyms and Japanese compounds are in `super::meaning`);
//! - `prefix`: a prefix item as the word OR every word starting with it;
//! - `correct`: when nothing matched, the query with its typos corrected;
//! - `highlight`: what the snippets of the results mark.

mod compile;
mod correct;
mod highlight;
mod parse;
mod prefix;

pub use compile::Builder;
pub(in crate::index) use compile::cjk_clause;
pub use correct::correct;
pub use highlight::Highlight;
pub use parse::{Item, Parsed, Scope, parse};
