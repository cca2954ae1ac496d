//! The one write to the cases folder: a new case from a template, dated today. The date
//! comes from the clock without a date crate (see [`date_of`]).

use super::files::now_secs;
use super::state::Inner;
use crate::error::{Error, Result};
use crate::identity::{self, is_valid_id};
use std::path::PathBuf;

impl Inner {
    /// Writes the template of a new case `id` (see [`super::Engine::new_case`]).
    pub(super) fn new_case(&self, id: &str) -> Result<PathBuf> {
        if crate::filenames::is_reserved_name(id) {
            return Err(Error::InvalidArgument(format!(
                "invalid id `{id}`: a device name on Windows, where its file cannot exist; add a word, e.g. `{id}-heat-plan`"
            )));
        }
        if !is_valid_id(id) {
            return Err(Error::InvalidArgument(format!(
                "invalid id `{id}`: use lower-case letters, digits and `-`, e.g. `oslo-heat-plan`"
            )));
        }
        if let Some((path, _)) = self
            .read_state()
            .entries
            .iter()
            .find(|(_, e)| e.id.as_deref() == Some(id))
        {
            return Err(Error::AlreadyExists(identity::abs_path(
                &self.cases_dir,
                path,
            )));
        }
        let path = self.cases_dir.join(format!("{id}.md"));
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => Error::AlreadyExists(path.clone()),
                _ => Error::io(&path, e),
            })?;
        use std::io::Write;
        file.write_all(template(id).as_bytes())
            .map_err(|e| Error::io(&path, e))?;
        Ok(path)
    }
}

/// The template `casebook new` writes: valid YAML whose placeholders lint points at.
fn template(id: &str) -> String {
    let today = today();
    format!(
        r#"---
id: {id}
title: ""                 # what was done, where: "Cloudburst Management Plan"
city: ""
country: ""               # ISO 3166-1 alpha-2, e.g. DK, JP
region: ""                # taxonomy.yaml `region`, e.g. europe/northern, japan/kanto
programmes: []            # taxonomy.yaml `programme`, e.g. [eu-cities-mission]
hazards: []               # taxonomy.yaml `hazard`, e.g. [flooding/pluvial]
sectors: []               # taxonomy.yaml `sector`, at least one
measures: []              # taxonomy.yaml `measure`, at least one
type: adaptation          # adaptation | mitigation | both
status: ongoing           # planned | ongoing | completed
started: {year}
summary: ""               # one to three sentences
outcomes: []              # - {{ metric: "...", value: 0, unit: "...", year: {year} }}
sources: []               # - {{ title: "...", url: "https://..." }}
updated: {today}
---
## Context

## What was done

## Results

## Costs and funding

## Lessons and transferability
"#,
        year = &today[..4]
    )
}

/// Today's date (UTC) as `YYYY-MM-DD`, without a date crate: days since the epoch to a civil
/// date (Howard Hinnant's algorithm).
pub(crate) fn today() -> String {
    date_of(now_secs())
}

/// The UTC date of `secs` since the Unix epoch as `YYYY-MM-DD`.
fn date_of(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_epoch_seconds() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(951_868_800), "2000-03-01");
        assert_eq!(date_of(1_735_689_599), "2024-12-31");
        assert_eq!(date_of(1_735_689_600), "2025-01-01");
        assert_eq!(date_of(4_107_542_400), "2100-03-01");
        assert_eq!(date_of(-86_400), "1969-12-31");
    }

    #[test]
    fn today_is_the_date_of_now() {
        let before = now_secs();
        let t = today();
        let after = now_secs();
        assert!(t == date_of(before) || t == date_of(after), "{t}");
    }
}
