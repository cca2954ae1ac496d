//! The controlled vocabulary of facet values (`cases/taxonomy.yaml`).
//!
//! Values are concept ids with an English and a Japanese label, so a filter chosen in the
//! Japanese UI finds English cases and the reverse. Hierarchical facets join a parent and a child
//! id with `/` (`flooding/pluvial`); the parent must be listed too.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The taxonomy facets, in the order the file lists them.
pub const TAXONOMY_FACETS: [&str; 5] = ["hazard", "sector", "measure", "region", "programme"];

/// One value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyValue {
    /// Concept id, `[a-z0-9-]+`, children as `parent/child`.
    pub id: String,
    /// English label.
    pub en: String,
    /// Japanese label.
    pub ja: String,
    /// Codes this value maps to in public vocabularies (`climate-adapt: "Flooding"`).
    #[serde(default)]
    pub codes: BTreeMap<String, String>,
    /// A one-line explanation for curators choosing the value.
    #[serde(default)]
    pub note: Option<String>,
}

/// One facet: its values in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Facet {
    /// Facet name (`hazard`).
    pub name: String,
    /// Its values, parents before their children.
    pub values: Vec<TaxonomyValue>,
}

/// The whole taxonomy.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Taxonomy {
    /// Facets keyed by name.
    pub facets: BTreeMap<String, Facet>,
}

impl Taxonomy {
    /// The value `id` of `facet`, if it exists.
    pub fn value(&self, facet: &str, id: &str) -> Option<&TaxonomyValue> {
        self.facets
            .get(facet)
            .and_then(|f| f.values.iter().find(|v| v.id == id))
    }

    /// Whether `facet` has the value `id`.
    pub fn contains(&self, facet: &str, id: &str) -> bool {
        self.value(facet, id).is_some()
    }

    /// The label of `id` in `lang` (`ja` or anything else for English); the id when unknown.
    pub fn label(&self, facet: &str, id: &str, lang: &str) -> String {
        match self.value(facet, id) {
            Some(v) if lang == "ja" => v.ja.clone(),
            Some(v) => v.en.clone(),
            None => id.to_string(),
        }
    }

    /// The closest existing value to a misspelt `id`, for "did you mean" hints.
    pub fn suggest(&self, facet: &str, id: &str) -> Option<String> {
        let facet = self.facets.get(facet)?;
        facet
            .values
            .iter()
            .map(|v| {
                // A value whose leaf or parent equals the typo is the best guess
                // (`flood` -> `flooding`, `pluvial` -> `flooding/pluvial`).
                let leaf = v.id.rsplit('/').next().unwrap_or(&v.id);
                let d = strsim::damerau_levenshtein(id, &v.id)
                    .min(strsim::damerau_levenshtein(id, leaf));
                let prefix = v.id.starts_with(id) || leaf.starts_with(id);
                (if prefix { 0 } else { d }, v.id.len(), &v.id)
            })
            .filter(|(d, _, _)| *d <= 3.max(id.len() / 3))
            .min()
            .map(|(_, _, id)| id.clone())
    }
}
