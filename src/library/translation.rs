//! The checks of a translation against its English original: a translation changes words,
//! never figures.

use super::locate::Locator;
use crate::case::CaseMeta;
use crate::diagnostic::Diagnostic;
use crate::front_matter;

/// Checks that a translation states the same facts as its original: the outcomes (value, unit
/// and year, in the same order; only the metric's wording may differ) and the place's figures
/// (population, coordinates, coastal). `rel` and `bytes` are the translation's file; returns
/// nothing when its front matter does not parse (its own diagnostics say why).
pub fn check_translation(rel: &str, bytes: &[u8], original: &CaseMeta) -> Vec<Diagnostic> {
    let Ok(text) = front_matter::decode(rel, bytes) else {
        return Vec::new();
    };
    let Ok(split) = front_matter::split(rel, &text) else {
        return Vec::new();
    };
    let Ok(meta) = front_matter::parse::<CaseMeta>(rel, &split.yaml, split.yaml_line) else {
        return Vec::new();
    };
    let loc = Locator {
        yaml: &split.yaml,
        first_line: split.yaml_line,
    };
    let mut out = Vec::new();
    let hint = "A translation changes words only: copy value, unit and year from the English file.";
    if meta.outcomes.len() != original.outcomes.len() {
        let (l, c) = loc.key("outcomes");
        out.push(
            Diagnostic::warning(
                rel,
                l,
                c,
                format!(
                    "the translation has {} outcome(s), the original {}",
                    meta.outcomes.len(),
                    original.outcomes.len()
                ),
            )
            .with_hint(hint),
        );
    } else {
        for (t, o) in meta.outcomes.iter().zip(&original.outcomes) {
            if t.value != o.value || t.unit != o.unit || t.year != o.year {
                let (l, c) = loc.value("outcomes", &t.metric);
                let show = |x: &crate::case::Outcome| {
                    format!(
                        "{} {} ({})",
                        x.value,
                        x.unit.as_deref().unwrap_or(""),
                        x.year
                    )
                };
                out.push(
                    Diagnostic::warning(
                        rel,
                        l,
                        c,
                        format!(
                            "outcome `{}` is {} here but {} in the original",
                            t.metric,
                            show(t),
                            show(o)
                        ),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    let place = [
        ("population", meta.population != original.population),
        ("coordinates", meta.coordinates != original.coordinates),
        ("coastal", meta.coastal != original.coastal),
    ];
    for (key, differs) in place {
        if differs {
            let (l, c) = loc.key(key);
            out.push(
                Diagnostic::warning(rel, l, c, format!("`{key}` differs from the original"))
                    .with_hint("Use the same value as the English file."),
            );
        }
    }
    out
}
