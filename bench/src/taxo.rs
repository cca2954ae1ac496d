//! Reads the taxonomy file (the real `cases/taxonomy.yaml`) so generated cases use only real
//! facet values.

use anyhow::{Context, Result, bail};
use casebook::TaxonomyValue;
use std::collections::BTreeMap;
use std::path::Path;

/// The facet ids of a taxonomy file, in file order.
#[derive(Debug, Clone)]
pub struct TaxonomyIds {
    /// Facet name to its value ids (parents before children).
    pub facets: BTreeMap<String, Vec<String>>,
    /// The file's text, copied verbatim into generated corpora.
    pub text: String,
}

impl TaxonomyIds {
    /// Reads and parses `path` (top-level keys `hazard`, `sector`, `measure`, `region`,
    /// `programme`, each a list of `{id, en, ja, codes?, note?}`).
    pub fn load(path: &Path) -> Result<TaxonomyIds> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read taxonomy file {}", path.display()))?;
        let parsed: BTreeMap<String, Vec<TaxonomyValue>> = serde_saphyr::from_str(&text)
            .with_context(|| format!("{}: not a valid taxonomy file", path.display()))?;
        let mut facets = BTreeMap::new();
        for (name, values) in parsed {
            facets.insert(name, values.into_iter().map(|v| v.id).collect::<Vec<_>>());
        }
        for needed in casebook::taxonomy::TAXONOMY_FACETS {
            match facets.get(needed) {
                Some(v) if !v.is_empty() => {}
                _ => bail!("{}: facet `{needed}` is missing or empty", path.display()),
            }
        }
        Ok(TaxonomyIds { facets, text })
    }

    /// Whether `facet` has the value `id`.
    pub fn has(&self, facet: &str, id: &str) -> bool {
        self.facets
            .get(facet)
            .is_some_and(|v| v.iter().any(|x| x == id))
    }

    /// The values of `facet` (empty when the facet is unknown).
    pub fn values(&self, facet: &str) -> &[String] {
        self.facets.get(facet).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// `wanted` ids that exist in `facet`, in order; when none does, the value whose id shares
    /// the first `/`-segment of the first wanted id, else the facet's first value. A theme thus
    /// keeps its correlation even if curators rename a child value.
    pub fn pick(&self, facet: &str, wanted: &[&str]) -> Vec<String> {
        let found: Vec<String> = wanted
            .iter()
            .filter(|w| self.has(facet, w))
            .map(|w| w.to_string())
            .collect();
        if !found.is_empty() {
            return found;
        }
        let values = self.values(facet);
        let parent = wanted
            .first()
            .map(|w| w.split('/').next().unwrap_or(w))
            .unwrap_or("");
        values
            .iter()
            .find(|v| v.split('/').next() == Some(parent))
            .or_else(|| values.first())
            .cloned()
            .into_iter()
            .collect()
    }
}

/// The default taxonomy path: the real one of the repository.
pub fn default_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("cases")
        .join("taxonomy.yaml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_taxonomy_loads() {
        let t = TaxonomyIds::load(&default_path()).expect("taxonomy");
        assert!(t.has("hazard", "flooding"));
        assert!(!t.has("hazard", "flood"));
        assert_eq!(t.pick("hazard", &["flood/zzz"]).len(), 1);
    }

    #[test]
    fn missing_file_is_an_error() {
        let e = TaxonomyIds::load(Path::new("/nonexistent/taxonomy.yaml"));
        assert!(e.is_err());
    }
}
