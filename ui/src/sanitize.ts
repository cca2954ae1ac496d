// Whitelist sanitizer for search snippets.
//
// The core already HTML-escapes snippets and only emits `<mark>`/`</mark>`. We still re-sanitize
// before using innerHTML so that a bug (or a hostile case file) in the core can never inject
// markup into the webview: the output contains no tag except a bare `<mark>` / `</mark>`, no
// attribute, and every `&` either starts a well-formed character reference or is escaped.

const TAG_OR_TEXT = /<\/?mark>|[<>"']|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});|&/g;

/** Escapes text for use inside HTML (text or a quoted attribute value). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Returns `html` with everything except `<mark>`…`</mark>` escaped. Marks are balanced: a stray
 * closing tag is dropped and marks left open are closed at the end.
 */
export function sanitizeSnippet(html: string): string {
  let depth = 0;
  const out = html.replace(TAG_OR_TEXT, (m) => {
    switch (m) {
      case "<mark>":
        depth += 1;
        return m;
      case "</mark>":
        if (depth === 0) return "";
        depth -= 1;
        return m;
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&#39;";
      case "&":
        return "&amp;";
      default:
        // A well-formed character reference: keep it (the core escapes `&` as `&amp;`).
        return m;
    }
  });
  return out + "</mark>".repeat(depth);
}
