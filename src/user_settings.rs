//! What the app lets its user (and with it the web view) change in the settings store, and how
//! it picks and remembers the cases folder.
//!
//! The desktop shell forwards; these rules decide. A key is a short identifier, a value is
//! capped, and the cases folder is never written through the generic setter: it changes only
//! through the folder dialog, so whatever runs in the web view cannot point the library (and
//! the image protocol that serves its pictures) at an arbitrary folder.

use crate::engine::{Engine, LibraryInfo};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Store key of the user's chosen cases folder.
pub const CASES_DIR: &str = "cases_dir";
pub use crate::engine::ENV_CASES;
/// Longest setting key, in bytes.
pub const MAX_KEY_BYTES: usize = 64;
/// Longest setting value the UI may store, in bytes.
pub const MAX_VALUE_BYTES: usize = 4096;

/// Checks a setting key: 1 to [`MAX_KEY_BYTES`] lowercase ASCII letters, digits, `_` and `.`.
pub fn check_key(key: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.len() <= MAX_KEY_BYTES
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidArgument(format!(
            "invalid setting key `{key}` (1-{MAX_KEY_BYTES} lowercase letters, digits, `_` and `.`)"
        )))
    }
}

/// Checks a write the UI asks for: a valid key, a value within [`MAX_VALUE_BYTES`], and not a
/// setting the app manages itself.
pub fn check_user_write(key: &str, value: &str) -> Result<()> {
    check_key(key)?;
    if key == CASES_DIR {
        return Err(Error::InvalidArgument(
            "the cases folder changes only through the folder dialog (Settings → Choose folder)"
                .into(),
        ));
    }
    if value.len() > MAX_VALUE_BYTES {
        return Err(Error::InvalidArgument(format!(
            "setting value is too long ({} bytes; at most {MAX_VALUE_BYTES})",
            value.len()
        )));
    }
    Ok(())
}

/// Whether two paths name the same folder (after resolving links; as written when either
/// cannot be resolved).
pub fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The folder the app opens at startup: [`ENV_CASES`], else the remembered folder if it still
/// exists, else `bundled`. The second value says why a remembered folder was not used.
pub fn choose_cases_dir(bundled: &Path, data: &Path) -> (PathBuf, Option<String>) {
    if let Some(d) = std::env::var_os(ENV_CASES).filter(|v| !v.is_empty()) {
        return (PathBuf::from(d), None);
    }
    // The setting lives in the store, which the engine owns: open it on the bundled folder
    // (cheap: opening does not index) to read it.
    if let Ok(engine) = Engine::open(bundled, data)
        && let Ok(Some(saved)) = engine.setting(CASES_DIR)
    {
        let saved = PathBuf::from(saved);
        if saved.is_dir() {
            return (saved, None);
        }
        let why = format!(
            "the saved cases folder {} is gone; using the bundled cases",
            saved.display()
        );
        return (bundled.to_path_buf(), Some(why));
    }
    (bundled.to_path_buf(), None)
}

impl Engine {
    /// Saves a setting the UI asks for, after [`check_user_write`].
    pub fn set_user_setting(&self, key: &str, value: &str) -> Result<()> {
        check_user_write(key, value)?;
        self.set_setting(key, value)
    }

    /// Reads a setting the UI asks for, after [`check_key`].
    pub fn user_setting(&self, key: &str) -> Result<Option<String>> {
        check_key(key)?;
        self.setting(key)
    }

    /// Remembers this engine's folder as the user's cases folder (the folder dialog).
    pub fn remember_cases_dir(&self) -> Result<()> {
        self.set_setting(CASES_DIR, &self.cases_dir().display().to_string())
    }

    /// [`Engine::library_info`], with `bundled` set when the open folder is `bundled_dir` (the
    /// copy shipped with the app, which only the caller knows).
    pub fn library_info_with(&self, bundled_dir: &Path) -> LibraryInfo {
        LibraryInfo {
            bundled: same_dir(self.cases_dir(), bundled_dir),
            ..self.library_info()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_values_and_the_cases_folder_are_checked() {
        assert!(check_user_write("ui_lang", "ja").is_ok());
        assert!(check_user_write("window.geometry", "1,2,3,4").is_ok());
        for key in ["", "UI", "a b", "x/y", &"k".repeat(MAX_KEY_BYTES + 1)] {
            assert_eq!(
                check_key(key).map_err(|e| e.code()),
                Err("invalid_argument"),
                "{key}"
            );
        }
        let e = check_user_write(CASES_DIR, "/").expect_err("cases_dir is refused");
        assert!(e.to_string().contains("folder dialog"), "{e}");
        let long = "x".repeat(MAX_VALUE_BYTES + 1);
        assert!(check_user_write("theme", &long).is_err());
        assert!(check_user_write("theme", &long[1..]).is_ok());
    }

    #[test]
    fn the_bundled_folder_is_recognised_through_a_link_or_a_trailing_part() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("cases");
        std::fs::create_dir_all(&sub).expect("mkdir");
        assert!(same_dir(&sub, &dir.path().join("cases").join(".")));
        assert!(!same_dir(&sub, dir.path()));
    }
}
