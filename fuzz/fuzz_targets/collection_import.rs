//! A portable collection file (`.casebook-collection.json`) from a colleague: parsing and every
//! check on it. Must never panic or hang; a file it accepts must survive being written out and
//! read back unchanged, and must hold only what an import may write (bounded, one-line titles).
#![no_main]

use casebook::collection::portable::{PortableCollection, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(p) = parse("fuzz.casebook-collection.json", data) else {
        return;
    };
    assert!(p.items.len() <= 1000, "{} items accepted", p.items.len());
    assert!(
        p.items
            .iter()
            .all(|i| !i.title.chars().any(char::is_control)),
        "a control character in a title was accepted"
    );
    let written = serde_json::to_vec(&p).expect("serialize an accepted collection");
    let again: PortableCollection =
        parse("round-trip", &written).expect("a written collection reads back");
    assert_eq!(again, p, "round trip changed the collection");
});
