//! Splitting a case file into YAML front matter and markdown body, and parsing the YAML with
//! budgets so that alias bombs and deep nesting are rejected quickly.

use crate::diagnostic::Diagnostic;
use serde::de::DeserializeOwned;

/// Largest accepted case file.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Largest accepted front matter.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// A file split at its front matter fences. Line ends are normalised to `\n` (CRLF files keep
/// their line numbers), and a leading UTF-8 BOM is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the fences.
    pub yaml: String,
    /// 1-based file line of the first YAML line.
    pub yaml_line: usize,
    /// The markdown after the closing fence.
    pub body: String,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

/// The diagnostic for a file of `size` bytes, over [`MAX_FILE_BYTES`].
pub fn too_large(path: &str, size: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        0,
        0,
        format!(
            "file is {size} bytes; the limit for a case file is {MAX_FILE_BYTES} bytes (4 MiB)"
        ),
    )
    .with_hint("Move large tables or data to a linked source; keep images as separate files.")
}

/// Decodes raw file bytes as UTF-8 text, rejecting empty, binary, oversized and non-UTF-8 files
/// with a diagnostic that points at the problem.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Diagnostic::error(path, 1, 1, "file is empty")
            .with_hint("Start from a template: `casebook new <id>`, or delete the file."));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_col(bytes, pos);
        return Err(Diagnostic::error(
            path,
            line,
            column,
            "file contains a NUL byte: this looks like a binary file, not markdown",
        )
        .with_hint("Only UTF-8 markdown files (`.md`) belong in the cases folder."));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (line, column) = line_col(bytes, e.valid_up_to());
            Err(
                Diagnostic::error(path, line, column, "file is not valid UTF-8").with_hint(
                    "Save the file as UTF-8 in your editor (e.g. \"Save with encoding > UTF-8\").",
                ),
            )
        }
    }
}

/// 1-based line and column (in characters) of byte offset `pos`.
fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let before = &bytes[..pos.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `text` into front matter and body.
pub fn split(path: &str, text: &str) -> Result<Split, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        text
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if !is_fence(first.trim_end_matches('\n')) {
        return Err(Diagnostic::error(path, 1, 1, "no front matter: the file must start with a `---` line")
            .with_hint("Put the case's YAML front matter between two `---` lines at the very top (see cases/README.md)."));
    }
    let mut offset = first.len();
    let yaml_start = offset;
    for (i, line) in lines.enumerate() {
        if is_fence(line.trim_end_matches('\n')) {
            let yaml = &text[yaml_start..offset];
            if yaml.len() > MAX_FRONT_MATTER_BYTES {
                return Err(Diagnostic::error(
                    path,
                    2,
                    1,
                    format!(
                        "front matter is {} bytes; the limit is {} bytes (64 KiB)",
                        yaml.len(),
                        MAX_FRONT_MATTER_BYTES
                    ),
                )
                .with_hint("Move long text from the front matter into the body."));
            }
            let close_line = i + 2;
            return Ok(Split {
                yaml: yaml.to_string(),
                yaml_line: 2,
                body: text[offset + line.len()..].to_string(),
                body_line: close_line + 1,
            });
        }
        offset += line.len();
    }
    // No closing fence. Point at the first line that looks like markdown, where the closing
    // fence most likely belongs.
    let suspect = text
        .lines()
        .enumerate()
        .skip(1)
        .find(|(_, l)| l.starts_with('#') && !l.starts_with("#!"))
        .map_or(1, |(i, _)| i + 1);
    Err(
        Diagnostic::error(path, suspect, 1, "front matter is not closed")
            .with_hint("Did you forget the closing `---` after the front matter?"),
    )
}

/// Parses `yaml` (from a file's front matter starting at file line `yaml_line`) into `T`,
/// with duplicate keys as errors and budgets against alias bombs and deep nesting.
pub fn parse<T: DeserializeOwned>(
    path: &str,
    yaml: &str,
    yaml_line: usize,
) -> Result<T, Diagnostic> {
    let mut budget = serde_saphyr::Budget::default();
    // A case's front matter is small; these limits are far above any real file and far below
    // what an alias bomb or a 5,000-deep nesting needs.
    budget.max_depth = 32;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_events = 100_000;
    budget.max_nodes = 50_000;
    budget.max_total_scalar_bytes = MAX_FRONT_MATTER_BYTES * 4;
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 1_000;
    let options = || {
        serde_saphyr::options! {
            budget: Some(budget.clone()),
            alias_limits: alias_limits,
            duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        }
    };
    // First a pass that reads every node whatever its type, so the budgets see an alias bomb
    // or deep nesting even where the typed pass would stop early at an unknown key or a
    // type mismatch and report something less helpful.
    serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(yaml, options())
        .map_err(|e| yaml_diagnostic(path, yaml_line, &e))?;
    serde_saphyr::from_str_with_options::<T>(yaml, options())
        .map_err(|e| yaml_diagnostic(path, yaml_line, &e))
}

/// Turns a YAML error into a diagnostic with file coordinates and a hint.
fn yaml_diagnostic(path: &str, yaml_line: usize, e: &serde_saphyr::Error) -> Diagnostic {
    let inner = e.without_snippet();
    let (line, column) = match inner.location() {
        Some(loc) if loc.line() > 0 => (loc.line() as usize + yaml_line - 1, loc.column() as usize),
        _ => (yaml_line.saturating_sub(1).max(1), 1),
    };
    let raw = inner.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let message = clean_message(&raw);
    let hint = hint_for(&message);
    // A missing key has no place of its own: point at the opening fence.
    let (line, column) = if message.starts_with("missing field") {
        (1, 1)
    } else {
        (line, column)
    };
    let d = Diagnostic::error(path, line, column, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// Removes the location suffix the YAML library appends (we report our own) and tidies up.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let cut = first
        .find(" at line ")
        .map_or(first, |i| &first[..i])
        .trim_end_matches([',', '.', ' ']);
    if cut.contains("recursion limit") || cut.contains("depth") {
        return format!("YAML is nested too deeply ({cut})");
    }
    if cut.contains("alias replay limit") || cut.contains("budget") {
        return format!("YAML aliases expand too much ({cut})");
    }
    cut.to_string()
}

/// Known fields of a case's front matter, for "did you mean" hints.
pub const CASE_FIELDS: &[&str] = &[
    "id",
    "title",
    "city",
    "country",
    "region",
    "programmes",
    "hazards",
    "sectors",
    "measures",
    "type",
    "status",
    "started",
    "ended",
    "population",
    "coordinates",
    "coastal",
    "summary",
    "outcomes",
    "sources",
    "updated",
];

fn hint_for(message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    if let Some(field) = backticked(message).filter(|_| m.contains("unknown field")) {
        let best = CASE_FIELDS
            .iter()
            .map(|f| (strsim::damerau_levenshtein(&field, f), *f))
            .min()
            .filter(|(d, _)| *d <= 3);
        return Some(match best {
            Some((_, f)) => format!("Did you mean `{f}`? Unknown keys are not allowed."),
            None => format!(
                "Remove `{field}`; allowed keys are: {}.",
                CASE_FIELDS.join(", ")
            ),
        });
    }
    if m.contains("missing field") {
        return Some(
            "Add the field to the front matter; see cases/README.md for its format.".into(),
        );
    }
    if m.contains("duplicate") {
        return Some("Each key may appear once; delete or merge the repeated one.".into());
    }
    if m.contains("budget") || m.contains("alias") || m.contains("depth") || m.contains("recursion")
    {
        return Some(
            "Front matter must be plain, shallow YAML; anchors and aliases are not needed.".into(),
        );
    }
    if m.contains("indicator") || m.contains("flow sequence") || m.contains("flow mapping") {
        return Some("A `[` or `{` on this or an earlier line may not be closed, or text containing `:` needs quotes.".into());
    }
    if m.contains("unknown variant") {
        return Some("Use one of the values the message lists.".into());
    }
    if m.contains("invalid type") {
        return Some("Check the value's form: lists as `[a, b]`, numbers without quotes, text in quotes if it contains `:`.".into());
    }
    Some("Check the YAML syntax: indentation, `key: value` pairs, and quotes around text that contains `:` or `#`.".into())
}

/// The first `` `quoted` `` word of a message.
fn backticked(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_bom_and_crlf() {
        let s = split("a.md", "\u{feff}---\r\nid: a\r\n---\r\n# Body\r\n").expect("split");
        assert_eq!(s.yaml, "id: a\n");
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter_points_at_the_body() {
        let d = split("a.md", "---\nid: a\ntitle: x\n## Context\ntext\n").expect_err("must fail");
        assert_eq!(
            (d.line, d.message.as_str()),
            (4, "front matter is not closed")
        );
        assert!(d.hint.as_deref().unwrap_or("").contains("closing `---`"));
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_rejected_by_the_budgets() {
        let mut bomb = String::from("id: x\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for i in 1..9u8 {
            let n = (b'a' + i) as char;
            let refs = vec![format!("*{prev}"); 10].join(", ");
            bomb.push_str(&format!("{n}: &{n} [{refs}]\n"));
            prev = n;
        }
        let d = parse::<crate::CaseMeta>("x.md", &bomb, 2).expect_err("bomb");
        assert!(
            d.message.starts_with("YAML aliases expand too much"),
            "{d:?}"
        );
        let deep = format!("id: x\ntitle: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let d = parse::<crate::CaseMeta>("x.md", &deep, 2).expect_err("deep");
        assert!(d.message.starts_with("YAML is nested too deeply"), "{d:?}");
        assert_eq!(d.line, 3);
    }

    #[test]
    fn invalid_utf8_is_located() {
        let d = decode("a.md", b"---\nid: \xff\n").expect_err("must fail");
        assert_eq!((d.line, d.column), (2, 5));
    }
}
