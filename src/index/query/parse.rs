//! Parsing the search box leniently: any text is a query, so parsing never fails (see the
//! syntax in the parent module).

/// Which fields an item searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// All text fields.
    Any,
    /// `title:`
    Title,
    /// `city:`
    City,
    /// `country:` (a facet value, not text).
    Country,
}

/// One parsed element of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The text of the word or phrase (without quotes or syntax).
    pub text: String,
    /// Quoted phrase rather than a word.
    pub phrase: bool,
    /// `-x` or `NOT x`.
    pub negated: bool,
    /// `field:` scope.
    pub scope: Scope,
    /// Also matches words starting with `text`.
    pub prefix: bool,
    /// Joined to the previous item by `OR`.
    pub or_prev: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The items, in order.
    pub items: Vec<Item>,
}

fn is_open_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        _ => None,
    }
}

/// Parses what the user typed. Never fails.
pub fn parse(input: &str) -> Parsed {
    let chars: Vec<char> = input.chars().collect();
    let mut items: Vec<Item> = Vec::new();
    let mut i = 0;
    let mut pending_or = false;
    let mut pending_not = false;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = pending_not;
        pending_not = false;
        if matches!(chars[i], '-' | '−' | '－')
            && chars.get(i + 1).is_some_and(|c| !c.is_whitespace())
        {
            negated = true;
            i += 1;
        }
        // `field:` (only the known fields; anything else stays text).
        let mut scope = Scope::Any;
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j > i && chars.get(j) == Some(&':') {
            let name: String = chars[i..j].iter().collect::<String>().to_ascii_lowercase();
            let known = match name.as_str() {
                "title" => Some(Scope::Title),
                "city" => Some(Scope::City),
                "country" => Some(Scope::Country),
                _ => None,
            };
            if let Some(s) = known {
                scope = s;
                i = j + 1;
            }
        }
        let (text, phrase) = match chars.get(i).copied().and_then(is_open_quote) {
            Some(close) => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != close {
                    end += 1;
                }
                i = end + 1;
                (chars[start..end.min(chars.len())].iter().collect(), true)
            }
            None => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() {
                    i += 1;
                }
                (chars[start..i].iter().collect::<String>(), false)
            }
        };
        if !phrase && !negated && scope == Scope::Any {
            match text.as_str() {
                "AND" | "&&" => continue,
                "OR" | "||" => {
                    pending_or = !items.is_empty();
                    continue;
                }
                "NOT" => {
                    pending_not = true;
                    continue;
                }
                _ => {}
            }
        }
        let (text, star) = match text.strip_suffix('*') {
            Some(t) if !phrase => (t.trim_end_matches('*').to_string(), true),
            _ => (text, false),
        };
        if text.trim().is_empty() {
            continue;
        }
        items.push(Item {
            text,
            phrase,
            negated,
            scope,
            prefix: star && !negated,
            or_prev: pending_or && !negated,
        });
        pending_or = false;
    }
    // The last word is still being typed.
    let typing = !input.ends_with(char::is_whitespace);
    if typing
        && let Some(last) = items.last_mut()
        && !last.phrase
        && !last.negated
        && last.scope == Scope::Any
    {
        last.prefix = true;
    }
    Parsed { items }
}

impl Parsed {
    /// The query as text again (used for "Showing results for …").
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (k, item) in self.items.iter().enumerate() {
            if k > 0 {
                out.push(' ');
                if item.or_prev {
                    out.push_str("OR ");
                }
            }
            if item.negated {
                out.push('-');
            }
            match item.scope {
                Scope::Any => {}
                Scope::Title => out.push_str("title:"),
                Scope::City => out.push_str("city:"),
                Scope::Country => out.push_str("country:"),
            }
            if item.phrase {
                out.push('"');
                out.push_str(&item.text);
                out.push('"');
            } else {
                out.push_str(&item.text);
            }
        }
        out
    }

    /// Whether any item is a positive (scoring) one.
    pub fn has_positive(&self) -> bool {
        self.items.iter().any(|i| !i.negated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(p: &Parsed) -> Vec<(&str, bool, bool, Scope, bool)> {
        p.items
            .iter()
            .map(|i| (i.text.as_str(), i.phrase, i.negated, i.scope, i.prefix))
            .collect()
    }

    #[test]
    fn parses_words_phrases_exclusions_fields_and_prefix() {
        let p = parse(r#"green "cloud burst" -tunnel title:plan country:dk retro"#);
        assert_eq!(
            words(&p),
            vec![
                ("green", false, false, Scope::Any, false),
                ("cloud burst", true, false, Scope::Any, false),
                ("tunnel", false, true, Scope::Any, false),
                ("plan", false, false, Scope::Title, false),
                ("dk", false, false, Scope::Country, false),
                ("retro", false, false, Scope::Any, true),
            ]
        );
        // A finished last word is not a prefix.
        assert!(!parse("retro ").items[0].prefix);
        assert!(parse("retro* plan ").items[0].prefix);
    }

    #[test]
    fn garbage_parses_leniently() {
        for q in [
            "\"",
            "-",
            "title:",
            "((",
            "AND OR",
            "*",
            "🌊",
            ":::",
            "- - -",
            "\"unclosed phrase",
            "NOT",
            "OR x",
        ] {
            let p = parse(q);
            for i in &p.items {
                assert!(!i.text.trim().is_empty(), "{q:?} gave {p:?}");
            }
        }
        assert_eq!(parse("\"unclosed phrase").items[0].text, "unclosed phrase");
        assert_eq!(parse("foo:bar").items[0].text, "foo:bar");
        assert!(parse("a OR b").items[1].or_prev);
        assert!(parse("NOT a").items[0].negated);
    }

    #[test]
    fn render_round_trips() {
        let q = r#"-x title:"a b" OR city:c d"#;
        assert_eq!(parse(q).render(), q);
    }
}
