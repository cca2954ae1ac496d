//! A case as the reader shows it: the file in the asked language (else English, else any),
//! rendered to HTML, with its taxonomy values labelled in that language.

use super::state::Inner;
use crate::case::{CaseView, Labelled};
use crate::error::{Error, Result};

impl Inner {
    /// The case `id` in `lang`, falling back to English, then to any language it exists in.
    pub(super) fn case(&self, id: &str, lang: Option<&str>) -> Result<CaseView> {
        let files = self.files_of(id);
        let (lang, path) = lang
            .and_then(|l| files.get_key_value(l))
            .or_else(|| files.get_key_value("en"))
            .or_else(|| files.iter().next())
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        let tax = self.read_state().taxonomy.clone();
        let case = self
            .reload(path, Some(&tax))
            .ok_or_else(|| Error::NotFound(id.to_string()))?;
        let rendered = crate::markdown::render(&case.body, &case.path);
        let label = |facet: &str, v: &String| Labelled {
            id: v.clone(),
            label: tax.label(facet, v, lang),
        };
        let m = &case.meta;
        Ok(CaseView {
            hazards: m.hazards.iter().map(|v| label("hazard", v)).collect(),
            sectors: m.sectors.iter().map(|v| label("sector", v)).collect(),
            measures: m.measures.iter().map(|v| label("measure", v)).collect(),
            programmes: m.programmes.iter().map(|v| label("programme", v)).collect(),
            region: label("region", &m.region),
            path: case.path.clone(),
            lang: lang.clone(),
            languages: files.keys().cloned().collect(),
            html: rendered.html,
            meta: case.meta,
        })
    }
}
