//! Names that work on every system officials use. A library is written on one machine and read
//! on others, most of them Windows laptops, so a curator on Linux is told about a name that
//! Windows cannot hold (a device name such as `con`, a character such as `:`, a trailing dot) or
//! two names that differ only by case (Windows and macOS keep only one of them), before the
//! library is shared.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// Windows device names: no file or folder may be called this, whatever its extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether `name` (a file or folder name, or a case id) is a Windows device name: the part
/// before the first dot, ignoring case, is `con`, `prn`, `aux`, `nul`, `com1`-`com9` or
/// `lpt1`-`lpt9` (`con.md` and `Aux.ja.md` are both unusable there).
pub fn is_reserved_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    RESERVED.iter().any(|r| stem.eq_ignore_ascii_case(r))
}

/// Why Windows cannot hold a file or folder called `name`, or `None` when it can.
pub fn name_problem(name: &str) -> Option<String> {
    if is_reserved_name(name) {
        return Some(format!("`{name}` is a device name on Windows"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| matches!(c, '<' | '>' | ':' | '"' | '\\' | '|' | '?' | '*') || c.is_control())
    {
        return Some(format!(
            "`{name}` contains `{}`, which Windows does not allow",
            c.escape_default()
        ));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(format!(
            "`{name}` ends with a dot or a space, which Windows drops"
        ));
    }
    None
}

/// Warnings for case paths (relative, `/`-separated) that will not survive a copy to Windows:
/// a segment Windows cannot hold, or two paths that differ only by case.
pub fn check_paths(paths: &[String]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for path in paths {
        if let Some(problem) = path.split('/').find_map(name_problem) {
            out.push(
                Diagnostic::warning(
                    path,
                    0,
                    0,
                    format!("{problem}: this file cannot be copied to Windows"),
                )
                .with_hint(
                    "Rename the file or folder (ids use lower-case letters, digits and `-`).",
                ),
            );
        }
        match seen.get(&path.to_lowercase()) {
            Some(first) => out.push(
                Diagnostic::warning(
                    path,
                    0,
                    0,
                    format!("the name differs from `{first}` only by case: Windows and macOS keep only one of them"),
                )
                .with_hint("Rename one of the two files so the names differ in more than case."),
            ),
            None => {
                seen.insert(path.to_lowercase(), path);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_whatever_the_extension_or_case() {
        for n in ["con", "CON.md", "aux.ja.md", "Lpt9.md", "nul"] {
            assert!(is_reserved_name(n), "{n}");
        }
        for n in ["console.md", "com10.md", "icon.md", "lyon.md", "com"] {
            assert!(!is_reserved_name(n), "{n}");
        }
    }

    #[test]
    fn names_windows_cannot_hold() {
        assert!(name_problem("a:b.md").is_some_and(|p| p.contains("`:`")));
        assert!(name_problem("draft.").is_some());
        assert!(name_problem("eu ").is_some());
        assert!(name_problem("prn.md").is_some_and(|p| p.contains("device name")));
        assert_eq!(name_problem("2024.q1"), None);
        assert_eq!(name_problem("京都.md"), None);
    }

    #[test]
    fn paths_that_collide_or_cannot_exist() {
        let paths: Vec<String> = ["eu/Lyon.md", "eu/lyon.md", "eu/aux/x.md", "japan/kyoto.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let d = check_paths(&paths);
        let m: Vec<String> = d
            .iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        assert_eq!(
            m,
            [
                "eu/lyon.md: the name differs from `eu/Lyon.md` only by case: Windows and macOS keep only one of them",
                "eu/aux/x.md: `aux` is a device name on Windows: this file cannot be copied to Windows",
            ]
        );
    }
}
