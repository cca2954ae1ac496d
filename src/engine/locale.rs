//! The UI language of the operating system's locale, for a user who has not chosen one.

/// The UI language the process locale asks for (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as
/// POSIX orders them): `ja` or `en`, or `None` when no locale is set.
pub fn system_ui_lang() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map(|v| {
            if v.starts_with("ja") {
                "ja".to_string()
            } else {
                "en".to_string()
            }
        })
}
