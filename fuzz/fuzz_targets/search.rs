//! The search box and the request behind it over a small fixed index (the `valid` fixture
//! library): the lenient query parser, query building, prefix expansion, typo correction,
//! facet counting and snippets. The input is a query; its first bytes also choose filters,
//! a year range and paging. Must never panic, hang or return an inconsistent page.
#![no_main]

use casebook::{Engine, SearchRequest};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture").flatten() {
        let (p, t) = (entry.path(), to.join(entry.file_name()));
        if p.is_dir() {
            copy(&p, &t);
        } else {
            std::fs::copy(&p, &t).expect("copy");
        }
    }
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
            let cases = dir.path().join("cases");
            copy(&fixture, &cases);
            let engine = Engine::open(&cases, &dir.path().join("data")).expect("open");
            engine.index().expect("index");
            (dir, engine)
        })
        .1
}

const VALUES: [(&str, &str); 8] = [
    ("hazard", "flooding"),
    ("hazard", "flooding/pluvial"),
    ("sector", "water"),
    ("measure", "nature-based"),
    ("country", "JP"),
    ("language", "ja"),
    ("type", "adaptation"),
    ("nonsense", "x"),
];

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(3));
    let Ok(query) = std::str::from_utf8(rest) else {
        return;
    };
    let mut request = SearchRequest::new(query);
    let pick = head.first().copied().unwrap_or(0);
    for (i, (facet, value)) in VALUES.iter().enumerate() {
        if pick & (1 << i) != 0 {
            request = request.filter(facet, *value);
        }
    }
    if let Some(&b) = head.get(1) {
        request.limit = usize::from(b % 8);
        request.offset = usize::from(b / 32);
    }
    if let Some(&b) = head.get(2) {
        if b & 1 != 0 {
            request.from = Some(2000 + i32::from(b >> 4));
        }
        if b & 2 != 0 {
            request.to = Some(2010 + i32::from(b >> 5));
        }
        request.ui_lang = Some(if b & 4 != 0 { "ja" } else { "en" }.into());
    }
    match engine().search(&request) {
        Ok(r) => {
            assert!(r.hits.len() <= request.effective_limit());
            assert!(r.hits.len() as u64 <= r.total);
            for h in &r.hits {
                // Snippets are HTML: only `<mark>` may be markup.
                let stripped = h.snippet.replace("<mark>", "").replace("</mark>", "");
                assert!(!stripped.contains('<'), "unescaped markup in {}", h.snippet);
            }
        }
        Err(e) => assert_eq!(e.code(), "invalid_argument", "{e}"),
    }
});
