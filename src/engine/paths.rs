//! Where the library and the user data live when the caller does not say: the bundled cases
//! folder and the platform data folder, shared by the CLI and the desktop app.

use crate::identity;
use std::path::{Path, PathBuf};

/// The bundled cases folder: `CASEBOOK_CASES`, else the source checkout's `cases/` for a
/// binary built in that checkout's `target/`, else `cases/` next to the executable or up to
/// three folders above it, else `./cases`, else the source checkout's.
pub fn default_cases_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(ENV_CASES) {
        return PathBuf::from(dir);
    }
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Ok(exe) = std::env::current_exe() {
        // The desktop build copies `cases/` next to its binary as a resource, once per build:
        // a curator running the CLI from the checkout must see the files as they are now.
        if exe.starts_with(checkout.join("target")) && checkout.join("cases").is_dir() {
            return checkout.join("cases");
        }
        for dir in exe.ancestors().skip(1).take(4) {
            let c = dir.join("cases");
            if c.join(identity::TAXONOMY_FILE).is_file() {
                return c;
            }
        }
    }
    let here = PathBuf::from("cases");
    if here.join(identity::TAXONOMY_FILE).is_file() {
        return here;
    }
    checkout.join("cases")
}

/// Environment variable that overrides the cases folder (tests, power users, the CLI).
pub const ENV_CASES: &str = "CASEBOOK_CASES";

/// Environment variable that overrides the data folder (tests, several profiles).
pub const ENV_DATA: &str = "CASEBOOK_DATA";

/// Name of the user-data store in the data folder.
pub const STORE_FILE: &str = "casebook.sqlite";

/// The platform data folder for the index and the store, shared by the CLI and the desktop
/// app: `CASEBOOK_DATA`, else e.g.
/// `~/.local/share/casebook` on Linux.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(ENV_DATA).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("org", "Casebook", "casebook")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("casebook"))
}
