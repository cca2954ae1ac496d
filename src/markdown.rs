//! Markdown: the one place parser options are set. One parse gives sanitized HTML for display,
//! and plain text plus headings for the index.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use std::collections::HashSet;

/// URL scheme of the desktop app's protocol that serves images from the cases folder.
pub const IMAGE_SCHEME: &str = "casebook";

/// Prefix of every `id` (and `#fragment` link) in rendered case HTML.
pub const ID_PREFIX: &str = "case-";

/// A rendered case body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    /// Plain text for the index (no markup, block elements separated by newlines).
    pub text: String,
    /// Heading texts, in order.
    pub headings: Vec<String>,
}

/// The markdown dialect of case files: CommonMark plus tables, footnotes, strikethrough and
/// task lists. Set here and nowhere else so display and index always agree.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Renders `body` of the case file at `case_path` (relative to the cases folder,
/// `/`-separated). Relative image paths become `casebook://localhost/<path in the cases
/// folder>` when they stay inside the folder, and are dropped otherwise.
pub fn render(body: &str, case_path: &str) -> Rendered {
    let events: Vec<Event<'_>> = Parser::new_ext(body, options()).collect();

    let (text, headings) = extract(events.iter().cloned());

    let mut raw = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    Rendered {
        html: sanitize(&raw, case_path),
        text,
        headings,
    }
}

/// A block of a case body as plain text, for layouts that are not HTML (the PDF handout).
// Only the `pdf` feature lays blocks out; without it they are kept for their tests.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum Block {
    /// A heading.
    Heading(String),
    /// A paragraph (also a code block or a table row, cells joined with ` | `).
    Paragraph(String),
    /// Consecutive list items.
    List(Vec<String>),
}

/// The blocks of `body` as plain text: no markup, no raw HTML, no images; a link keeps its text.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut text = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut depth_item = 0usize;
    let mut in_image = false;
    // Inside raw `<script>` or `<style>`: their content is code, not text of the case.
    let mut in_raw = false;
    fn flush(out: &mut Vec<Block>, text: &mut String, item: bool) {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        text.clear();
        if t.is_empty() {
            return;
        }
        if item {
            if let Some(Block::List(items)) = out.last_mut() {
                items.push(t);
                return;
            }
            out.push(Block::List(vec![t]));
        } else {
            out.push(Block::Paragraph(t));
        }
    }
    for ev in Parser::new_ext(body, options()) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image = true,
            Event::End(TagEnd::Image) => in_image = false,
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut text, depth_item > 0);
                depth_item += 1;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut out, &mut text, true);
                depth_item = depth_item.saturating_sub(1);
            }
            Event::End(TagEnd::Heading(_)) => {
                let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
                text.clear();
                if !t.is_empty() {
                    out.push(Block::Heading(t));
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock) => {
                flush(&mut out, &mut text, depth_item > 0)
            }
            Event::End(TagEnd::TableCell) => {
                row.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                text.clear();
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                text = row.join(" | ");
                row.clear();
                flush(&mut out, &mut text, false);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = h.to_ascii_lowercase();
                if h.contains("<script") || h.contains("<style") {
                    in_raw = true;
                }
                if h.contains("</script") || h.contains("</style") {
                    in_raw = false;
                }
            }
            Event::Text(t) | Event::Code(t) if !in_image && !in_raw => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    flush(&mut out, &mut text, depth_item > 0);
    out
}

/// Heading texts of `body`, in order, without rendering it.
pub fn headings(body: &str) -> Vec<String> {
    text_and_headings(body).1
}

/// Plain text and headings of `body`, for the index: no HTML is built.
pub fn text_and_headings(body: &str) -> (String, Vec<String>) {
    extract(Parser::new_ext(body, options()))
}

fn extract<'a>(events: impl Iterator<Item = Event<'a>>) -> (String, Vec<String>) {
    let mut text = String::new();
    let mut headings = Vec::new();
    let mut heading: Option<String> = None;
    for ev in events {
        match ev {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    headings.push(h.trim().to_string());
                }
                text.push('\n');
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) => text.push('\n'),
            _ => {}
        }
    }
    (text, headings)
}

/// Sanitizes HTML from an untrusted case file: no script, style, event handlers, forms,
/// frames, objects, SVG or MathML; only `http`, `https` and `mailto` links, opened with
/// `rel="noopener noreferrer"`; images only from inside the cases folder.
pub fn sanitize(html: &str, case_path: &str) -> String {
    let case_dir = match case_path.rfind('/') {
        Some(i) => case_path[..i].to_string(),
        None => String::new(),
    };
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", IMAGE_SCHEME]))
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("input", &["type", "checked", "disabled"])
        .add_tags(&["input"])
        // Footnote definitions carry the `id` their references link to; ammonia drops `id`
        // unless allowed. Every id gets a prefix (and fragment links the same one) so a case
        // cannot clobber page globals or the app's own element ids.
        .add_generic_attributes(&["id"])
        .rm_tags(&["img"])
        .add_tags(&["img"])
        .url_relative(ammonia::UrlRelative::PassThrough)
        .attribute_filter(move |element, attribute, value| {
            match (element, attribute) {
                ("img", "src") => {
                    // Remote images would be a network fetch and a tracking pixel: never.
                    if has_scheme(value) {
                        return None;
                    }
                    let inside = resolve_inside(&case_dir, value)?;
                    Some(format!("{IMAGE_SCHEME}://localhost/{}", encode_path(&inside)).into())
                }
                ("a", "href") if value.starts_with('#') => {
                    Some(format!("#{ID_PREFIX}{}", &value[1..]).into())
                }
                ("a", "href") if !has_scheme(value) => {
                    resolve_inside(&case_dir, value).map(|_| value.to_string().into())
                }
                // Something before a colon that is not one of the allowed schemes: either a
                // scheme ammonia would drop, or not a valid scheme at all (`jav%22script:`),
                // which a browser would take for a relative path. Neither is a link to keep.
                ("a", "href") if !is_allowed_scheme(value) => None,
                (_, "id") => Some(format!("{ID_PREFIX}{value}").into()),
                ("input", "type") if value != "checkbox" => None,
                _ => Some(value.into()),
            }
        });
    builder.clean(html).to_string()
}

/// Whether `url` starts with a scheme (`https:`, `javascript:`, `data:`), or is
/// protocol-relative (`//host`).
fn has_scheme(url: &str) -> bool {
    let url = url.trim_start();
    if url.starts_with("//") || url.starts_with("\\\\") {
        return true;
    }
    match url.find(':') {
        Some(i) => {
            let before = &url[..i];
            !before.contains('/') && !before.contains('?') && !before.contains('#')
        }
        None => false,
    }
}

/// Whether `url` starts with one of the link schemes a case may use.
fn is_allowed_scheme(url: &str) -> bool {
    let url = url.trim_start().to_ascii_lowercase();
    ["https:", "http:", "mailto:"]
        .iter()
        .any(|p| url.starts_with(p))
}

/// Resolves the relative `url` against `dir` (both within the cases folder) and returns the
/// normalized path, or `None` when it would leave the folder or is absolute.
fn resolve_inside(dir: &str, url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path)?;
    if path.starts_with('/') || path.starts_with('\\') || path.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join("/"))
}

/// Decodes `%XX` escapes; `None` on a malformed escape or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes a path for use in a URL, keeping `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn blocks_are_plain_text_without_html_or_images() {
        let body = "## What was done\n\nA *green* roof <script>x()</script> and [a link](https://x.org).\n\n- one\n- two `code`\n\n![alt](img.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let b = blocks(body);
        assert_eq!(
            b,
            vec![
                Block::Heading("What was done".into()),
                Block::Paragraph("A green roof and a link.".into()),
                Block::List(vec!["one".into(), "two code".into()]),
                Block::Paragraph("a | b".into()),
                Block::Paragraph("1 | 2".into()),
            ]
        );
    }
    use super::*;

    #[test]
    fn text_and_headings_come_from_the_same_parse() {
        let r = render("## Context\nRain *fell*.\n\n- one\n- two\n", "eu/a.md");
        assert_eq!(r.headings, vec!["Context"]);
        assert!(r.text.contains("Rain fell."));
        assert!(r.text.contains("one\ntwo"));
        assert!(r.html.contains("<h2>Context</h2>"));
    }

    #[test]
    fn scripts_handlers_and_dangerous_urls_are_removed() {
        let md = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n\
                  [a](javascript:alert(1)) [b](data:text/html,x) [c](file:///etc/passwd)\n\n\
                  <iframe src=\"https://x\"></iframe><svg><script>1</script></svg><form></form>";
        let html = render(md, "a.md").html;
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "data:",
            "file:",
            "<iframe",
            "<svg",
            "<form",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
    }

    #[test]
    fn images_resolve_only_inside_the_cases_folder() {
        let html = render(
            "![a](img/x.png) ![b](../../etc/passwd) ![c](https://e.com/t.png)",
            "eu/c.md",
        )
        .html;
        assert!(html.contains("casebook://localhost/eu/img/x.png"), "{html}");
        assert!(!html.contains("passwd"), "{html}");
        assert!(!html.contains("e.com"), "{html}");
        let html = render("![a](../shared.png)", "eu/c.md").html;
        assert!(html.contains("casebook://localhost/shared.png"), "{html}");
    }

    #[test]
    fn links_with_a_colon_need_an_allowed_scheme() {
        let html = render(
            "[a](jav%22script:alert(1)) [b](x:y) [c](HTTPS://example.org) [d](mailto:a@b.c)",
            "a.md",
        )
        .html;
        assert!(!html.contains("script:"), "{html}");
        assert!(!html.contains("x:y"), "{html}");
        assert!(html.contains("href=\"HTTPS://example.org\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.c\""), "{html}");
    }

    #[test]
    fn footnote_references_reach_their_definitions() {
        let html = render("A claim.[^n]\n\n[^n]: Its source.\n", "a.md").html;
        assert!(html.contains("href=\"#case-n\""), "{html}");
        assert!(html.contains("id=\"case-n\""), "{html}");
        let html = render("<p id=\"app\">x</p>", "a.md").html;
        assert!(html.contains("id=\"case-app\""), "{html}");
    }

    #[test]
    fn external_links_get_noopener() {
        let html = render("[x](https://example.org)", "a.md").html;
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    }
}
