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

    /// The English and Japanese labels of the taxonomy values of a case (hazards, sectors,
    /// measures, programmes and region), each value's parents included, without repeats: the
    /// text that makes a case findable by the concepts it is tagged with.
    pub fn concept_labels(&self, meta: &crate::case::CaseMeta) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let tagged = [
            ("hazard", meta.hazards.as_slice()),
            ("sector", meta.sectors.as_slice()),
            ("measure", meta.measures.as_slice()),
            ("programme", meta.programmes.as_slice()),
            ("region", std::slice::from_ref(&meta.region)),
        ];
        for (facet, ids) in tagged {
            for id in ids {
                let mut path = String::new();
                for part in id.split('/') {
                    if !path.is_empty() {
                        path.push('/');
                    }
                    path.push_str(part);
                    if let Some(v) = self.value(facet, &path) {
                        for label in [&v.en, &v.ja] {
                            if !out.contains(label) {
                                out.push(label.clone());
                            }
                        }
                    }
                }
            }
        }
        out
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
                // A shortened typo (`flod`) is compared with the start of the value too.
                let start: String = leaf.chars().take(id.chars().count()).collect();
                let d = strsim::damerau_levenshtein(id, &v.id)
                    .min(strsim::damerau_levenshtein(id, leaf))
                    .min(strsim::damerau_levenshtein(id, &start) + 1);
                let prefix = v.id.starts_with(id) || leaf.starts_with(id);
                (if prefix { 0 } else { d }, v.id.len(), &v.id)
            })
            .filter(|(d, _, _)| *d <= 3.max(id.len() / 3))
            .min()
            .map(|(_, _, id)| id.clone())
    }
}

/// The taxonomy file as written: facet name to its values.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    hazard: Vec<TaxonomyValue>,
    sector: Vec<TaxonomyValue>,
    measure: Vec<TaxonomyValue>,
    region: Vec<TaxonomyValue>,
    programme: Vec<TaxonomyValue>,
}

/// Name of the taxonomy file at the root of the cases folder.
pub use crate::identity::TAXONOMY_FILE;

/// Parses taxonomy YAML. Returns the taxonomy (when it parsed) and every problem found; a
/// taxonomy with errors in some values still returns the valid ones.
pub fn parse(text: &str) -> (Option<Taxonomy>, Vec<crate::Diagnostic>) {
    use crate::Diagnostic;
    let path = TAXONOMY_FILE;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: TaxonomyFile = match crate::front_matter::parse(path, text, 1) {
        Ok(f) => f,
        Err(d) => return (None, vec![d]),
    };
    // Works for block (`- id: x`) and flow (`- { id: x, en: ... }`) style entries.
    let line_of = |id: &str| {
        text.lines()
            .enumerate()
            .find(|(_, l)| {
                l.split("id:").skip(1).any(|rest| {
                    let value = rest.split([',', '}', '#']).next().unwrap_or("");
                    value.trim().trim_matches(['"', '\'']) == id
                })
            })
            .map_or(1, |(i, _)| i + 1)
    };
    let mut diags = Vec::new();
    let mut tax = Taxonomy::default();
    for (name, values) in [
        ("hazard", file.hazard),
        ("sector", file.sector),
        ("measure", file.measure),
        ("region", file.region),
        ("programme", file.programme),
    ] {
        let mut kept: Vec<TaxonomyValue> = Vec::new();
        for v in values {
            let line = line_of(&v.id);
            let valid = !v.id.is_empty()
                && v.id.split('/').count() <= 2
                && v.id.split('/').all(crate::identity::is_valid_id);
            if !valid {
                diags.push(
                    Diagnostic::error(path, line, 1, format!("invalid {name} id `{}`", v.id))
                        .with_hint(
                            "Ids are lower-case words joined by `-`; a child is `parent/child`.",
                        ),
                );
                continue;
            }
            if kept.iter().any(|k| k.id == v.id) {
                diags.push(
                    Diagnostic::error(path, line, 1, format!("duplicate {name} id `{}`", v.id))
                        .with_hint("Each value is listed once; remove the repeat."),
                );
                continue;
            }
            if let Some((parent, _)) = v.id.split_once('/')
                && !kept.iter().any(|k| k.id == parent)
            {
                diags.push(
                    Diagnostic::error(
                        path,
                        line,
                        1,
                        format!("{name} `{}` has no parent `{parent}`", v.id),
                    )
                    .with_hint(format!("List `{parent}` before its children.")),
                );
                continue;
            }
            if v.en.trim().is_empty() || v.ja.trim().is_empty() {
                diags.push(
                    Diagnostic::warning(
                        path,
                        line,
                        1,
                        format!("{name} `{}` lacks an English or Japanese label", v.id),
                    )
                    .with_hint("Both `en` and `ja` labels are shown in the app."),
                );
            }
            kept.push(v);
        }
        tax.facets.insert(
            name.to_string(),
            Facet {
                name: name.to_string(),
                values: kept,
            },
        );
    }
    (Some(tax), diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "hazard:\n  - { id: flooding, en: Flooding, ja: 洪水 }\n  - { id: flooding/pluvial, en: Pluvial, ja: 内水 }\nsector: []\nmeasure: []\nregion: []\nprogramme: []\n";

    #[test]
    fn parses_and_suggests() {
        let (tax, diags) = parse(SMALL);
        assert!(diags.is_empty(), "{diags:?}");
        let tax = tax.expect("taxonomy");
        assert!(tax.contains("hazard", "flooding/pluvial"));
        assert_eq!(tax.suggest("hazard", "flood").as_deref(), Some("flooding"));
        assert_eq!(tax.suggest("hazard", "flod").as_deref(), Some("flooding"));
        assert_eq!(tax.suggest("hazard", "zzzz"), None);
        assert_eq!(
            tax.suggest("hazard", "pluvail").as_deref(),
            Some("flooding/pluvial")
        );
        assert_eq!(tax.label("hazard", "flooding", "ja"), "洪水");
    }

    #[test]
    fn child_without_parent_is_an_error() {
        let (_, diags) =
            parse(&SMALL.replace("  - { id: flooding, en: Flooding, ja: 洪水 }\n", ""));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("no parent"), "{diags:?}");
        assert_eq!(diags[0].line, 2);
    }
}
