//! The shape of the core's source: its top-level modules import each other without a cycle,
//! and no source file is longer than one can read in a sitting (tests excepted).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest source file, in lines (test files are exempt).
const MAX_LINES: usize = 500;

fn sources() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect()
}

fn is_test_file(rel: &Path) -> bool {
    rel.file_stem()
        .is_some_and(|s| s == "tests" || s.to_string_lossy().ends_with("_tests"))
}

/// The top-level module a file belongs to (`src/index/query.rs` -> `index`).
fn top_module(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    first
        .unwrap_or_default()
        .trim_end_matches(".rs")
        .to_string()
}

/// Code without comments and test modules: what the module really uses.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `crate::x` references and `use crate::{x, y::z}` groups, by top-level module.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for path in sources() {
        let rel = path.strip_prefix(&src).expect("inside src").to_path_buf();
        let top = top_module(&rel);
        if is_test_file(&rel) || ["lib", "main", "bindings"].contains(&top.as_str()) {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(&path).expect("read source"));
        let deps = g.entry(top.clone()).or_default();
        let mut rest = code.as_str();
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    deps.insert(
                        item.trim()
                            .split("::")
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                    );
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
                    .collect();
                deps.insert(name);
            }
        }
    }
    let names: BTreeSet<String> = g.keys().cloned().collect();
    for (name, deps) in g.iter_mut() {
        deps.retain(|d| names.contains(d) && d != name);
    }
    g
}

/// One cycle of `g`, as a path returning to its start.
fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        v: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        open: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        open.push(v.to_string());
        for w in g.get(v).into_iter().flatten() {
            if let Some(i) = open.iter().position(|o| o == w) {
                let mut c = open[i..].to_vec();
                c.push(w.clone());
                return Some(c);
            }
            if !done.contains(w)
                && let Some(c) = visit(w, g, open, done)
            {
                return Some(c);
            }
        }
        open.pop();
        done.insert(v.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for v in g.keys() {
        if !done.contains(v)
            && let Some(c) = visit(v, g, &mut Vec::new(), &mut done)
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let g: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a")]
        .into_iter()
        .map(|(a, b)| (a.to_string(), BTreeSet::from([b.to_string()])))
        .collect();
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

#[test]
fn core_modules_have_no_import_cycle() {
    let g = graph();
    assert!(
        g.contains_key("engine") && g["engine"].contains("index"),
        "{g:?}"
    );
    assert_eq!(find_cycle(&g), None, "a cycle among the core's modules");
}

#[test]
fn no_source_file_is_over_the_limit() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|p| !is_test_file(p.strip_prefix(&src).expect("inside src")))
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).ok()?.lines().count();
            (n > MAX_LINES).then(|| format!("{} ({n} lines)", p.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}
