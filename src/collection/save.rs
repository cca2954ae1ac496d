//! Writing an export to a file the user picked and reading a collection file back, with the
//! rules both the app and the CLI follow: the app never writes into the cases folder (a curator's
//! folder changes only when the curator edits it), a file appears whole or not at all, and an
//! import is size-checked before it is read.

use super::export::Format;
use super::portable::{ImportReport, MAX_FILE_BYTES};
use crate::engine::Engine;
use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// The file extension of each export format (the portable collection file keeps its long
/// extension so that the import dialog can filter on it).
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Pdf => "pdf",
        Format::Collection => "casebook-collection.json",
    }
}

/// A file name to offer in the save dialog: the collection's name with characters that no
/// file system accepts (or that Windows reserves) replaced, never empty, at most 80 characters.
pub fn suggested_file_name(name: &str, format: Format) -> String {
    let mut stem: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .take(80)
        .collect();
    // Windows drops trailing dots and spaces, and a name of only dots means a folder.
    stem = stem.trim().trim_end_matches('.').trim().to_string();
    if stem.is_empty() || stem.chars().all(|c| c == '.') {
        stem = "casebook".into();
    }
    format!("{stem}.{}", extension(format))
}

/// Whether `path` lies inside `folder`, comparing canonical paths so that `..`, symbolic links
/// and (on Windows and macOS) the letter case of a path do not hide it.
fn is_inside(path: &Path, folder: &Path) -> bool {
    let Ok(folder) = std::fs::canonicalize(folder) else {
        return false;
    };
    // The file may not exist yet: canonicalize the nearest existing ancestor.
    let mut probe = path.to_path_buf();
    let mut rest = Vec::new();
    let base = loop {
        if let Ok(c) = std::fs::canonicalize(&probe) {
            break c;
        }
        // `file_name` is None for a trailing `..`, so take the last component as it is.
        let Some(last) = probe.components().next_back() else {
            return false;
        };
        let last = last.as_os_str().to_os_string();
        if !probe.pop() || probe.as_os_str().is_empty() {
            return false;
        }
        rest.push(last);
    };
    let mut full = base;
    // The parts that do not exist yet are resolved by hand, `..` included.
    for part in rest.into_iter().rev() {
        if part == ".." {
            full.pop();
        } else if part != "." {
            full.push(part);
        }
    }
    let fold = |p: &Path| -> String {
        let s = p.to_string_lossy().into_owned();
        if cfg!(any(windows, target_os = "macos")) {
            s.to_lowercase()
        } else {
            s
        }
    };
    let (full, folder) = (fold(&full), fold(&folder));
    full == folder
        || full
            .strip_prefix(&folder)
            .is_some_and(|r| r.starts_with(std::path::MAIN_SEPARATOR))
}

/// Writes `bytes` to `path` through a temporary file in the same folder that is renamed over
/// the target, so a crash or a full disk never leaves half a file under the chosen name.
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::InvalidArgument(format!("{} is not a file name", path.display())))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Reads a collection file, refusing one larger than a collection file can be.
pub fn read_collection_file(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let limit = MAX_FILE_BYTES as u64;
    if meta.len() > limit {
        return Err(Error::InvalidArgument(format!(
            "{}: the file is {} bytes; a collection file has at most {} MiB",
            path.display(),
            meta.len(),
            limit / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

impl Engine {
    /// Saves an export at `path`, which the user picked. Refuses a place inside the cases
    /// folder: exports are not cases, and the library must not change behind its curator.
    pub fn save_export(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        if is_inside(path, self.cases_dir()) {
            return Err(Error::InvalidArgument(format!(
                "{} is inside the cases folder; save exports somewhere else (for example \
                 Documents), so the library only holds cases",
                path.display()
            )));
        }
        write_whole(path, bytes)
    }

    /// Imports the collection file at `path` under its own name.
    pub fn import_collection_file(&self, path: &Path) -> Result<ImportReport> {
        let bytes = read_collection_file(path)?;
        self.import_collection(&path.display().to_string(), &bytes, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_on_every_system() {
        assert_eq!(
            suggested_file_name("Floods: Q&A / 2026", Format::Csv),
            "Floods- Q&A - 2026.csv"
        );
        assert_eq!(suggested_file_name(" ... ", Format::Pdf), "casebook.pdf");
        assert_eq!(
            suggested_file_name("暑さ対策", Format::Collection),
            "暑さ対策.casebook-collection.json"
        );
        assert_eq!(suggested_file_name("a\u{7}b", Format::Json), "a-b.json");
        assert!(
            suggested_file_name(&"x".repeat(500), Format::Csv)
                .chars()
                .count()
                <= 84
        );
    }

    #[test]
    fn inside_detects_nested_new_files_and_dot_dot() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cases = dir.path().join("cases");
        std::fs::create_dir_all(cases.join("eu")).expect("mkdir");
        assert!(is_inside(&cases.join("eu").join("new.csv"), &cases));
        assert!(is_inside(&cases.join("x.csv"), &cases));
        assert!(is_inside(
            &dir.path()
                .join("out")
                .join("..")
                .join("cases")
                .join("a.csv"),
            &cases
        ));
        assert!(!is_inside(&dir.path().join("cases-export.csv"), &cases));
        assert!(!is_inside(&dir.path().join("a.csv"), &cases));
    }

    #[test]
    fn write_whole_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("out.csv");
        write_whole(&p, b"one").expect("first");
        write_whole(&p, b"two").expect("second");
        assert_eq!(std::fs::read(&p).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let missing = dir.path().join("no-such-dir").join("x.csv");
        assert!(matches!(write_whole(&missing, b"x"), Err(Error::Io { .. })));
    }
}
