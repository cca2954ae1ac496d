//! Case identity: what a case id is, which files under the cases folder are case files, the
//! language of a file from its name, and how relative case paths map to the disk.
//!
//! This is a leaf module (it imports nothing from the crate) so that every part that must
//! agree on these rules — the folder walk, the loader, the engine's incremental updates, the
//! taxonomy check, the file watcher, the benchmark and the desktop shell — asks the same place
//! and no module has to import another one just for a rule.

use std::path::{Path, PathBuf};

/// Name of the taxonomy file at the root of the cases folder.
pub const TAXONOMY_FILE: &str = "taxonomy.yaml";

/// Longest accepted case id, in bytes.
pub const MAX_ID_LEN: usize = 100;

/// Whether `id` is a valid case id: `[a-z0-9-]+`, at most [`MAX_ID_LEN`] bytes, no leading or
/// trailing `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !crate::filenames::is_reserved_name(id)
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The language of a case file from its name: `x.ja.md` is `ja`, `x.md` is `en`.
pub fn lang_of(file_name: &str) -> String {
    let name = file_name.rsplit('/').next().unwrap_or(file_name);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    match stem.rsplit_once('.') {
        Some((_, lang))
            if (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase()) =>
        {
            lang.to_string()
        }
        _ => "en".to_string(),
    }
}

/// Whether a folder with this name is skipped with everything under it: hidden folders
/// (`.git`, `.obsidian`, editor caches), `_`-prefixed drafts and `node_modules`.
pub fn is_ignored_dir(name: &str) -> bool {
    name.starts_with('.') || name.starts_with('_') || name == "node_modules"
}

/// Editor and download temp/swap/backup files, and dotfiles: never case files.
///
/// Covers vim (`.x.swp`, `x~`, `4913`), emacs (`.#x`, `#x#`), and the `.tmp`/`.part`
/// suffixes used by atomic writers and downloaders.
pub fn is_noise_name(name: &str) -> bool {
    const SUFFIXES: [&str; 8] = [
        "~",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".part",
        ".crdownload",
        ".bak",
    ];
    name.is_empty()
        || name.starts_with('.')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Whether a path (relative to the cases folder, `/`-separated) names a case file: a `.md`
/// file that is not a README, not noise, and not inside an ignored folder.
pub fn is_case_path(rel: &str) -> bool {
    let mut segments: Vec<&str> = rel.split('/').collect();
    let Some(name) = segments.pop() else {
        return false;
    };
    name.ends_with(".md")
        && name.len() > ".md".len()
        && !name.eq_ignore_ascii_case("README.md")
        && !name.starts_with('_')
        && !is_noise_name(name)
        && segments.iter().all(|s| !s.is_empty() && !is_ignored_dir(s))
}

/// Whether any folder on a relative path is ignored (so nothing under it matters).
pub fn in_ignored_dir(rel: &str) -> bool {
    let mut segments: Vec<&str> = rel.split('/').collect();
    segments.pop();
    segments.iter().any(|s| is_ignored_dir(s))
}

/// `path` relative to `root`, `/`-separated (the form every case path takes in the core).
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Absolute path of a relative case path.
pub fn abs_path(root: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .filter(|s| !s.is_empty())
        .fold(root.to_path_buf(), |p, seg| p.join(seg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("copenhagen-cloudburst-plan"));
        assert!(is_valid_id("a1"));
        assert!(!is_valid_id("Copenhagen"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("a-"));
        assert!(!is_valid_id("a_b"));
        assert!(!is_valid_id(""));
        assert!(is_valid_id(&"a".repeat(MAX_ID_LEN)));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
    }

    #[test]
    fn language_from_file_name() {
        assert_eq!(lang_of("a.md"), "en");
        assert_eq!(lang_of("a.ja.md"), "ja");
        assert_eq!(lang_of("eu/a.ja.md"), "ja");
        assert_eq!(lang_of("v1.2.md"), "en");
        assert_eq!(lang_of("2024.q1/a.md"), "en");
    }

    #[test]
    fn case_paths() {
        assert!(is_case_path("eu/a.md"));
        assert!(is_case_path("a.ja.md"));
        assert!(
            is_case_path("2024.q1/a.md"),
            "a dot in a folder name is fine"
        );
        assert!(!is_case_path("README.md"));
        assert!(!is_case_path("eu/readme.md"));
        assert!(!is_case_path(".git/a.md"));
        assert!(!is_case_path("_drafts/a.md"));
        assert!(!is_case_path("_a.md"));
        assert!(!is_case_path("node_modules/pkg/a.md"));
        assert!(!is_case_path("eu/node_modules/a.md"));
        assert!(!is_case_path("taxonomy.yaml"));
        assert!(!is_case_path(".a.md"));
        assert!(!is_case_path("a.md~"));
        assert!(!is_case_path(".md"));
        assert!(!is_case_path("2024.q1"));
    }

    #[test]
    fn noise_names() {
        for n in [
            ".x.md.swp",
            "x.md~",
            "4913",
            ".#x.md",
            "#x.md#",
            "x.md.tmp",
            "x.md.part",
            ".DS_Store",
            "",
        ] {
            assert!(is_noise_name(n), "{n} should be noise");
        }
        for n in ["x.md", "taxonomy.yaml", "4913.md", "a~b.md"] {
            assert!(!is_noise_name(n), "{n} should not be noise");
        }
    }

    #[test]
    fn paths_round_trip() {
        let root = Path::new("root");
        let abs = abs_path(root, "eu/a.md");
        assert_eq!(abs, root.join("eu").join("a.md"));
        assert_eq!(rel_path(root, &abs), "eu/a.md");
    }
}
