//! A case file's bytes through everything that reads it: UTF-8 decoding, the front matter
//! split, YAML parsing with budgets, validation against a taxonomy, and the source locator
//! that points diagnostics at `line:col`. Must never panic or hang; every diagnostic must
//! point inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn taxonomy() -> &'static casebook::Taxonomy {
    static TAX: OnceLock<casebook::Taxonomy> = OnceLock::new();
    TAX.get_or_init(|| {
        let text = include_str!("../../tests/fixtures/valid/taxonomy.yaml");
        casebook::taxonomy::parse(text)
            .0
            .expect("the fixture taxonomy parses")
    })
}

fuzz_target!(|data: &[u8]| {
    let loaded = casebook::library::load_bytes("eu/fuzz.md", data, 0, Some(taxonomy()));
    // Lines as YAML and editors count them: `\n`, `\r\n` and a lone `\r` each end one.
    let lone_cr = data
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n')
        .count()
        + usize::from(data.last() == Some(&b'\r'));
    let lines = data.iter().filter(|&&b| b == b'\n').count() + lone_cr + 1;
    for d in &loaded.diagnostics {
        assert!(d.line <= lines, "{d:?} points past the end ({lines} lines)");
    }
    if let Some(case) = loaded.case {
        // A case that loads has a valid id and renders.
        assert!(casebook::identity::is_valid_id(&case.meta.id));
        let _ = casebook::markdown::render(&case.body, &case.path);
    }
});
