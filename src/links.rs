//! Which external links the app opens in the system browser.
//!
//! Case files are untrusted, and so is anything that runs in the web view: a link is opened
//! only when it is an absolute `https` URL with a host and no credentials. `javascript:`,
//! `file:`, `data:`, plain `http:` and the rest are refused with a message that says why.

use crate::error::{Error, Result};

/// The normalised form of `url` when the app may open it in the browser.
pub fn external_url(url: &str) -> Result<String> {
    let parsed = url::Url::parse(url.trim())
        .map_err(|e| Error::InvalidArgument(format!("not a valid URL `{url}`: {e}")))?;
    if parsed.scheme() != "https" {
        return Err(Error::InvalidArgument(format!(
            "refusing to open `{}:` URLs; only https links open in the browser",
            parsed.scheme()
        )));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Error::InvalidArgument(format!("URL `{url}` has no host")));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::InvalidArgument(
            "refusing to open a URL with embedded credentials".into(),
        ));
    }
    Ok(parsed.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_with_a_host_and_no_credentials_opens() {
        assert_eq!(
            external_url(" https://example.org/a?b#c ").ok().as_deref(),
            Some("https://example.org/a?b#c")
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(document.domain)",
            "file:///etc/passwd",
            "http://example.org/",
            "data:text/html,<script>alert(1)</script>",
            "https://user:pw@example.org/",
            "not a url",
            "",
        ] {
            let e = external_url(bad).expect_err(bad);
            assert_eq!(e.code(), "invalid_argument", "{bad}: {e}");
        }
    }
}
