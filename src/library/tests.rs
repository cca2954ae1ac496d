//! Tests of loading and checking case files.

use super::locate::find_token;
use super::validate::url_site;
use super::*;

/// A minimal valid case file with the given extra front matter lines.
fn file(extra: &str) -> String {
    format!(
        "---\nid: a\ntitle: A\ncity: C\ncountry: DK\nregion: europe\nsectors: [water]\n\
         measures: [m]\ntype: adaptation\nsummary: S\nupdated: 2026-12-01\n{extra}coordinates: [55.68, 12.57]\n---\n## Context\n## What was done\n## Results\n## Costs and funding\n## Lessons and transferability\n"
    )
}

fn messages(extra: &str) -> Vec<String> {
    load_bytes("a.md", file(extra).as_bytes(), 0, None)
        .diagnostics
        .into_iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect()
}

const TWO_SITES: &str = "sources:\n  - { title: x, url: \"https://a.example/1\" }\n  - { title: y, url: \"https://www.b.example/2\" }\n";

#[test]
fn stale_outcomes_are_flagged_unless_final() {
    let old = format!(
        "status: ongoing\noutcomes:\n  - {{ metric: Old, value: 1, year: 2019 }}\n  - {{ metric: New, value: 2, year: 2024 }}\n{TWO_SITES}"
    );
    let m = messages(&old);
    assert!(
        m.iter()
            .any(|x| x.starts_with("14:15 outcome `Old` refers to 2019")),
        "{m:?}"
    );
    assert!(!m.iter().any(|x| x.contains("`New`")), "{m:?}");
    // A completed action's result measured when it ended is final.
    let done = old.replace("status: ongoing", "status: completed\nended: 2019");
    assert!(!messages(&done).iter().any(|x| x.contains("refers to")));
    let before_end = old.replace("status: ongoing", "status: completed\nended: 2021");
    assert!(
        messages(&before_end)
            .iter()
            .any(|x| x.contains("`Old` refers to 2019"))
    );
}

#[test]
fn weak_sourcing_is_flagged() {
    let one = "status: ongoing\nsources:\n  - { title: x, url: \"https://a.example/1\" }\n";
    assert!(
        messages(one)
            .iter()
            .any(|x| x.ends_with("the case has only one source"))
    );
    let same = "status: ongoing\nsources:\n  - { title: x, url: \"https://www.a.example/1\" }\n  - { title: y, url: \"http://A.example:80/2?q\" }\n";
    assert!(
        messages(same)
            .iter()
            .any(|x| x.ends_with("all sources come from one site (a.example)")),
        "{:?}",
        messages(same)
    );
    let two = format!("status: ongoing\n{TWO_SITES}");
    assert!(messages(&two).is_empty(), "{:?}", messages(&two));
}

#[test]
fn sites_of_urls() {
    assert_eq!(url_site("https://www.Kk.dk/x").as_deref(), Some("kk.dk"));
    assert_eq!(url_site("http://u@host:8080#f").as_deref(), Some("host"));
    assert_eq!(url_site("ftp://host/x"), None);
    assert_eq!(url_site("https:///x"), None);
}

#[test]
fn translations_keep_the_figures() {
    let en = format!(
        "status: ongoing\npopulation: 1000\ncoastal: true\noutcomes:\n  - {{ metric: Trees, value: 5, unit: \"%\", year: 2024 }}\n{TWO_SITES}"
    );
    let original = load_bytes("a.md", file(&en).as_bytes(), 0, None)
        .case
        .map(|c| c.meta)
        .expect("valid original");
    let same = en.replace("metric: Trees", "metric: 樹木");
    assert!(check_translation("a.ja.md", file(&same).as_bytes(), &original).is_empty());
    let wrong = same
        .replace("value: 5", "value: 6")
        .replace("coastal: true", "coastal: false");
    let d = check_translation("a.ja.md", file(&wrong).as_bytes(), &original);
    let m: Vec<String> = d
        .iter()
        .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
        .collect();
    assert_eq!(
        m,
        [
            "16:15 outcome `樹木` is 6 % (2024) here but 5 % (2024) in the original",
            "14:1 `coastal` differs from the original"
        ],
    );
    let fewer = format!("status: ongoing\npopulation: 1000\ncoastal: true\n{TWO_SITES}");
    let d = check_translation("a.ja.md", file(&fewer).as_bytes(), &original);
    assert!(d[0].message.contains("has 0 outcome(s), the original 1"));
    assert!(check_translation("a.ja.md", b"not a case", &original).is_empty());
}

#[test]
fn token_search_skips_longer_ids() {
    assert_eq!(
        find_token("[flooding/pluvial, flooding]", "flooding"),
        Some(19)
    );
    assert_eq!(find_token("[flood]", "flood"), Some(1));
}

#[test]
fn an_empty_token_is_never_found_and_never_loops() {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(find_token("\"sources\": [{title: x, url: \"\"}]", ""));
    });
    let found = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("find_token returns");
    assert_eq!(found, None);
    assert_eq!(find_token("id: x", ""), None);
    // A token that only occurs inside longer ids is skipped to the end, not looped on.
    assert_eq!(find_token("ab ab ab", "a"), None);
}
