//! Where a key or a value stands in the front matter, so that a diagnostic points at the
//! line and column to fix.

/// Finds the file line and column of `key:` in the front matter, and of `value` after it.
pub(super) struct Locator<'a> {
    pub(super) yaml: &'a str,
    pub(super) first_line: usize,
}

impl Locator<'_> {
    /// Line/column of the top-level `key:`; the front matter's first line when absent.
    pub(super) fn key(&self, key: &str) -> (usize, usize) {
        for (i, line) in self.yaml.lines().enumerate() {
            if line.starts_with(key) && line[key.len()..].trim_start().starts_with(':') {
                return (self.first_line + i, 1);
            }
        }
        (self.first_line.saturating_sub(1).max(1), 1)
    }

    /// Line/column of `value` at or after `key:` (before the next top-level key).
    pub(super) fn value(&self, key: &str, value: &str) -> (usize, usize) {
        let (kline, _) = self.key(key);
        let start = kline.saturating_sub(self.first_line);
        for (i, line) in self.yaml.lines().enumerate().skip(start) {
            if i > start && !line.starts_with([' ', '\t', '-']) && !line.is_empty() {
                break;
            }
            let from = if i == start { key.len() } else { 0 };
            if let Some(col) = line.get(from..).and_then(|rest| find_token(rest, value)) {
                return (self.first_line + i, line[..from].chars().count() + col + 1);
            }
        }
        (kline, 1)
    }
}

/// Character column of `token` in `s` where it stands alone (not part of a longer id). An
/// empty token is never found: it would match everywhere and locate nothing.
pub(super) fn find_token(s: &str, token: &str) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(pos) = s.get(from..)?.find(token) {
        let at = from + pos;
        let before = s[..at].chars().next_back();
        let after = s[at + token.len()..].chars().next();
        let is_id = |c: char| c.is_alphanumeric() || c == '-' || c == '/' || c == '_';
        if !before.is_some_and(is_id) && !after.is_some_and(is_id) {
            return Some(s[..at].chars().count());
        }
        from = at + token.len();
    }
    None
}
