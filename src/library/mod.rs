//! Loading case files: one file into a [`Case`] or [`Diagnostic`]s, and the checks that span
//! files (duplicate ids, translations without an original).
//!
//! - this module: walking the folder, loading one file, and the checks across files;
//! - `validate`: the checks of one file's front matter against the format and the taxonomy;
//! - `translation`: the checks of a translation against its English original;
//! - `locate`: where in the file a key or value stands, so a diagnostic points at it.

mod locate;
#[cfg(test)]
mod tests;
mod translation;
mod validate;

pub use translation::check_translation;

use crate::case::{Case, CaseMeta};
use crate::diagnostic::{Diagnostic, Severity};
use crate::front_matter;
use crate::identity::{is_case_path, is_ignored_dir, lang_of, rel_path};
use crate::taxonomy::Taxonomy;
use std::collections::BTreeMap;
use std::path::Path;
use validate::validate;
use walkdir::WalkDir;

/// Version of the per-file checks. Bump it whenever a check changes, so diagnostics cached in
/// the catalog are recomputed.
pub const CHECKS_VERSION: u32 = 2;

/// Section headings every English case should have, in order.
pub const SECTIONS: [&str; 5] = [
    "Context",
    "What was done",
    "Results",
    "Costs and funding",
    "Lessons and transferability",
];

/// Lists the case files under `root` (relative `/` paths, sorted). Symlinks are not followed;
/// a symlinked file is loaded only when it resolves inside the folder.
pub fn walk(root: &Path) -> (Vec<String>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_dir()
                || !e.file_name().to_str().is_some_and(is_ignored_dir)
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                diags.push(Diagnostic::warning(&p, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let rel = rel_path(root, entry.path());
        if !is_case_path(&rel) {
            continue;
        }
        if entry.path_is_symlink() {
            match entry.path().canonicalize() {
                Ok(t) if t.starts_with(&canon_root) && t.is_file() => {}
                _ => {
                    diags.push(
                        Diagnostic::warning(
                            &rel,
                            0,
                            0,
                            "symbolic link leads outside the cases folder; skipped",
                        )
                        .with_hint("Copy the file into the cases folder instead of linking to it."),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        files.push(rel);
    }
    diags.extend(crate::filenames::check_paths(&files));
    (files, diags)
}

/// The result of loading one file.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The case, when the file has no errors.
    pub case: Option<Case>,
    /// The id, when the front matter parsed far enough to have one.
    pub id: Option<String>,
    /// Problems in the file (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads one case file from its bytes. Never panics; every problem is a diagnostic.
pub fn load_bytes(rel: &str, bytes: &[u8], mtime: i64, taxonomy: Option<&Taxonomy>) -> Loaded {
    let fail = |d: Diagnostic| Loaded {
        case: None,
        id: None,
        diagnostics: vec![d],
    };
    let text = match front_matter::decode(rel, bytes) {
        Ok(t) => t,
        Err(d) => return fail(d),
    };
    let split = match front_matter::split(rel, &text) {
        Ok(s) => s,
        Err(d) => return fail(d),
    };
    let meta: CaseMeta = match front_matter::parse(rel, &split.yaml, split.yaml_line) {
        Ok(m) => m,
        Err(d) => return fail(d),
    };
    let lang = lang_of(rel);
    let mut diags = validate(rel, &meta, &split, &lang, taxonomy);
    diags.sort_by_key(|d| (d.line, d.column));
    let ok = !diags.iter().any(|d| d.severity == Severity::Error);
    let id = Some(meta.id.clone());
    Loaded {
        case: ok.then(|| Case {
            path: rel.to_string(),
            lang,
            meta,
            body: split.body,
            body_line: split.body_line,
            hash: blake3::hash(bytes).to_hex().to_string(),
            mtime,
        }),
        id,
        diagnostics: diags,
    }
}

/// Checks across files: duplicate ids per language, translations without an original.
/// `files` maps path to (id, lang) for every file whose front matter parsed. Returns the
/// diagnostics and the paths that lose a duplicate-id conflict (left out of the index).
pub fn cross_check(files: &BTreeMap<String, (String, String)>) -> (Vec<Diagnostic>, Vec<String>) {
    let mut by_key: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (path, (id, lang)) in files {
        by_key
            .entry((id.as_str(), lang.as_str()))
            .or_default()
            .push(path.as_str());
    }
    let mut diags = Vec::new();
    let mut losers = Vec::new();
    for ((id, lang), paths) in &by_key {
        if let Some((first, rest)) = paths.split_first() {
            for p in rest {
                diags.push(
                    Diagnostic::error(p, 2, 1, format!("duplicate id `{id}` (language `{lang}`): `{first}` has it too"))
                        .with_hint("Ids must be unique; give one of the cases a new id. This file is left out until then."),
                );
                losers.push(p.to_string());
            }
        }
        if *lang != "en" && !by_key.contains_key(&(*id, "en")) {
            for p in paths {
                diags.push(
                    Diagnostic::warning(
                        p,
                        2,
                        1,
                        format!("translation of `{id}` has no English original"),
                    )
                    .with_hint(format!(
                        "Add `{id}.md`, or check that the id matches the original's."
                    )),
                );
            }
        }
    }
    (diags, losers)
}
