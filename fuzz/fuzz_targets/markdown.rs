//! Markdown from a case body to sanitized HTML, plain text and headings. Must never panic, and
//! the HTML must never carry script, event handlers, styles or URLs other than web links and
//! images from the cases folder.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The tags of serialized HTML with their attributes (html5ever's serializer: text escapes
/// `<`, attribute values are double-quoted with `"` escaped).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let n_end = rest
                .find(|c: char| c == '=' || c.is_whitespace() || c == '>')
                .unwrap_or(rest.len());
            let attr = rest[..n_end].to_ascii_lowercase();
            rest = &rest[n_end..];
            let mut value = String::new();
            if let Some(r) = rest.strip_prefix("=\"") {
                let v_end = r.find('"').unwrap_or(r.len());
                value = r[..v_end].to_string();
                rest = r.get(v_end + 1..).unwrap_or("");
            }
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let r = casebook::markdown::render(body, "eu/sub/fuzz.md");
    let (text, headings) = casebook::markdown::text_and_headings(body);
    assert_eq!(text, r.text, "display and index see the same text");
    assert_eq!(headings, r.headings);
    for (tag, attrs) in tags(&r.html) {
        let tag = tag.trim_start_matches('/');
        assert!(
            ![
                "script", "iframe", "object", "embed", "svg", "math", "style", "form", "base",
                "meta", "link"
            ]
            .contains(&tag),
            "<{tag}> survived: {}",
            r.html
        );
        for (name, value) in attrs {
            assert!(
                !name.starts_with("on") && name != "style",
                "{name} survived: {}",
                r.html
            );
            let v = value.trim_start().to_ascii_lowercase();
            match name.as_str() {
                // A scheme, if any, is a web or mail one (`https:/x` is a web link too:
                // browsers read it as `https://x`).
                "href" => assert!(
                    v.starts_with('#')
                        || v.split(['/', '?', '#'])
                            .next()
                            .is_some_and(|s| !s.contains(':'))
                        || ["https:", "http:", "mailto:"]
                            .iter()
                            .any(|p| v.starts_with(p)),
                    "href {value}: {}",
                    r.html
                ),
                "src" => assert!(
                    v.starts_with("casebook://localhost/"),
                    "src {value}: {}",
                    r.html
                ),
                "id" => assert!(v.starts_with(casebook::markdown::ID_PREFIX), "id {value}"),
                _ => {}
            }
        }
    }
});
