//! Snippets: a window of the summary or body around the matched words, the matches in `<mark>`,
//! everything else HTML-escaped. Only run for the returned page of hits.

use super::query::Highlight;
use super::tokenizer::{self, folded_chars, is_cjk};
use std::ops::Range;

/// Length of a snippet window, in characters.
pub const WINDOW_CHARS: usize = 200;
/// Characters of context kept before the first match of a window.
const LEAD_CHARS: usize = 40;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Byte ranges of `text` matching the highlight terms, sorted and merged, each with the index
/// of the term it matched (for choosing the window with the most distinct terms).
fn matches(text: &str, h: &Highlight) -> Vec<(Range<usize>, usize)> {
    let mut out: Vec<(Range<usize>, usize)> = Vec::new();
    if !h.stems.is_empty() || !h.prefixes.is_empty() {
        let mut words = tokenizer::words_analyzer();
        let mut en = tokenizer::en_analyzer();
        // English stems keep the first letter of the word, so only words starting like some
        // stem are stemmed: most words of a body are skipped without running the stemmer.
        let firsts: Vec<char> = h.stems.iter().filter_map(|s| s.chars().next()).collect();
        let mut stream = words.token_stream(text);
        while stream.advance() {
            let w = stream.token();
            let term = h
                .prefixes
                .iter()
                .position(|p| w.text.starts_with(p.as_str()))
                .map(|i| h.stems.len() + i)
                .or_else(|| {
                    let first = w.text.chars().next()?;
                    if !firsts.contains(&first) {
                        return None;
                    }
                    let stem = tokenizer::tokens(&mut en, &w.text).pop()?;
                    h.stems.iter().position(|x| *x == stem.text)
                });
            if let Some(t) = term {
                out.push((w.offset_from..w.offset_to, t));
            }
        }
    }
    if !h.cjk.is_empty() {
        let chars = folded_chars(text);
        let base = h.stems.len() + h.prefixes.len();
        for (ti, run) in h.cjk.iter().enumerate() {
            if run.is_empty() || run.len() > chars.len() {
                continue;
            }
            for start in 0..=(chars.len() - run.len()) {
                if chars[start..start + run.len()]
                    .iter()
                    .zip(run)
                    .all(|(fc, c)| fc.c == *c && is_cjk(fc.c))
                {
                    out.push((
                        chars[start].from..chars[start + run.len() - 1].to,
                        base + ti,
                    ));
                }
            }
        }
    }
    out.sort_by_key(|(r, _)| (r.start, r.end));
    let mut merged: Vec<(Range<usize>, usize)> = Vec::with_capacity(out.len());
    for (r, t) in out {
        match merged.last_mut() {
            Some((last, _)) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push((r, t)),
        }
    }
    merged
}

/// Byte offset of the char boundary `n` characters after (or before, if negative) `at`.
fn step_chars(text: &str, at: usize, n: isize) -> usize {
    if n >= 0 {
        text[at..]
            .char_indices()
            .nth(n as usize)
            .map_or(text.len(), |(i, _)| at + i)
    } else {
        text[..at]
            .char_indices()
            .rev()
            .nth((-n - 1) as usize)
            .map_or(0, |(i, _)| i)
    }
}

/// The snippet of `text` around its best cluster of matches; `None` when nothing matches.
fn window(text: &str, h: &Highlight) -> Option<String> {
    let ms = matches(text, h);
    if ms.is_empty() {
        return None;
    }
    // The window starting at match i that covers the most distinct terms (then most matches).
    let mut best = (0usize, 0usize, 0usize);
    for i in 0..ms.len() {
        let limit = step_chars(
            text,
            ms[i].0.start,
            WINDOW_CHARS as isize - LEAD_CHARS as isize,
        );
        let mut terms: Vec<usize> = Vec::new();
        let mut count = 0;
        for (r, t) in ms[i..].iter() {
            if r.end > limit {
                break;
            }
            count += 1;
            if !terms.contains(t) {
                terms.push(*t);
            }
        }
        if (terms.len(), count) > (best.1, best.2) {
            best = (i, terms.len(), count);
        }
    }
    let first = ms[best.0].0.start;
    let mut start = step_chars(text, first, -(LEAD_CHARS as isize));
    // Start at a word boundary when the lead cut a word.
    // (The whitespace may be wider than one byte: U+3000, a no-break space.)
    if start > 0
        && let Some((sp, c)) = text[start..first]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
    {
        start += sp + c.len_utf8();
    }
    let mut end = step_chars(text, start, WINDOW_CHARS as isize);
    if end < text.len()
        && let Some(sp) = text[start..end].rfind(char::is_whitespace)
        && start + sp > first
    {
        end = start + sp;
    }
    let mut out = String::with_capacity(end - start + 64);
    if start > 0 {
        out.push('…');
    }
    let mut cursor = start;
    for (r, _) in ms.iter().filter(|(r, _)| r.start >= start && r.end <= end) {
        escape(&text[cursor..r.start], &mut out);
        out.push_str("<mark>");
        escape(&text[r.start..r.end], &mut out);
        out.push_str("</mark>");
        cursor = r.end;
    }
    escape(&text[cursor..end], &mut out);
    if end < text.len() {
        out.push('…');
    }
    Some(collapse_whitespace(&out))
}

/// Newlines of the plain body text become spaces in a one-line snippet.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// The snippet of a hit: the summary when it matches (it is short and written to be shown),
/// else the best window of the body, else the escaped summary.
pub fn snippet(summary: &str, body: &str, h: &Highlight) -> String {
    if !h.is_empty() {
        if let Some(s) = window(summary, h) {
            return s;
        }
        if let Some(s) = window(body, h) {
            return s;
        }
    }
    plain(summary)
}

/// The escaped summary, cut to about one window.
pub fn plain(summary: &str) -> String {
    let end = step_chars(summary, 0, (WINDOW_CHARS + 100) as isize);
    let mut out = String::with_capacity(end + 16);
    escape(&summary[..end], &mut out);
    if end < summary.len() {
        out.push('…');
    }
    collapse_whitespace(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::query::{Highlight, parse};

    #[test]
    fn marks_matches_and_escapes_everything_else() {
        let h = Highlight::of(&parse("flood "));
        let s = snippet("A <script>alert('x')</script> & flooding plan", "", &h);
        assert_eq!(
            s,
            "A &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <mark>flooding</mark> plan"
        );
    }

    #[test]
    fn marks_prefix_and_japanese() {
        let h = Highlight::of(&parse("洪水 retro"));
        let s = snippet("", "市は洪水対策としてretrofitを進めた。", &h);
        assert_eq!(
            s,
            "市は<mark>洪水</mark>対策として<mark>retrofit</mark>を進めた。"
        );
    }

    #[test]
    fn windows_long_bodies_around_the_match() {
        let body = format!(
            "{} cloudburst tunnel {}",
            "lorem ipsum ".repeat(100),
            "dolor ".repeat(100)
        );
        let h = Highlight::of(&parse("tunnel "));
        let s = snippet("No match here.", &body, &h);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("cloudburst <mark>tunnel</mark>"), "{s}");
        let visible = s.replace("<mark>", "").replace("</mark>", "");
        assert!(visible.chars().count() <= WINDOW_CHARS + 2, "{s}");
    }

    #[test]
    fn non_ascii_whitespace_before_the_lead_does_not_split_a_character() {
        let h = Highlight::of(&parse("flood"));
        for space in ['\u{3000}', '\u{a0}', '\u{2003}', '\u{205f}'] {
            let body = format!(
                "{}x{space}flood plan{space}and{space}more",
                "word ".repeat(12)
            );
            let s = snippet("", &body, &h);
            assert!(s.contains("<mark>flood</mark>"), "{s}");
            let long = format!("{}{space}flood {}", "a".repeat(60), "tail ".repeat(60));
            let s = snippet("", &long, &h);
            assert!(s.contains("<mark>flood</mark>"), "{s}");
        }
    }

    #[test]
    fn falls_back_to_escaped_summary() {
        let h = Highlight::of(&parse("zzz"));
        assert_eq!(snippet("a < b", "body", &h), "a &lt; b");
        assert_eq!(plain("x & y"), "x &amp; y");
    }
}
