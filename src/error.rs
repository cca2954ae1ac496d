//! Errors of the core that are not about a case file (those are [`crate::Diagnostic`]s).

use std::path::PathBuf;

/// Result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error a caller (CLI, desktop shell) must report. Each variant has a stable
/// [`Error::code`] so the desktop UI can react to the kind without parsing the message.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An I/O operation on a path failed.
    #[error("{path}: {source}")]
    Io {
        /// The path the operation was on.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The cases folder does not exist or is not a folder.
    #[error("cases folder `{0}` does not exist or is not a folder")]
    NoCasesFolder(PathBuf),
    /// The taxonomy file is missing or invalid; the message has `path:line:col`.
    #[error("{0}")]
    Taxonomy(String),
    /// No case has this id.
    #[error("no case has the id `{0}`")]
    NotFound(String),
    /// A caller-supplied argument is invalid (bad id, bad year range, ...).
    #[error("{0}")]
    InvalidArgument(String),
    /// A file that `new` would create already exists.
    #[error("`{0}` already exists")]
    AlreadyExists(PathBuf),
    /// The user-data store failed.
    #[error("store: {0}")]
    Store(#[from] rusqlite::Error),
    /// The search index failed in a way a rebuild could not fix.
    #[error("index: {0}")]
    Index(String),
    /// No collection has this name or id; the message says which.
    #[error("{0}")]
    NoCollection(String),
    /// An export could not be made (e.g. no font for the text of a PDF); the message says why
    /// and what to install.
    #[error("{0}")]
    Export(String),
    /// The curator's editor could not be started (or its command is malformed); the message
    /// names the command and how to fix it.
    #[error("{0}")]
    Editor(String),
    /// Another process holds the index's writer lock.
    #[error(
        "another Casebook process (the app or `casebook index`) is updating this library's index{}; try again when it has finished, or close the other one",
        in_dir(.0)
    )]
    IndexBusy(PathBuf),
    /// The data folder was written by a newer version of Casebook.
    #[error(
        "{}: made by a newer Casebook (data schema {found}; this version knows up to {known}); update Casebook, or use another data folder (`--data` or CASEBOOK_DATA)",
        path.display()
    )]
    NewerData {
        /// The store file.
        path: PathBuf,
        /// Its schema version.
        found: usize,
        /// The newest schema version this build knows.
        known: usize,
    },
    /// The library is still opening (the desktop app answers commands before its first open
    /// has finished).
    #[error(
        "the library is not open yet; it opens in a moment (if it does not, choose another cases folder in Settings)"
    )]
    NotReady,
    /// A bug: a panic caught at the boundary (the desktop shell's commands).
    #[error("internal error: {0}")]
    Internal(String),
}

fn in_dir(dir: &std::path::Path) -> String {
    if dir.as_os_str().is_empty() {
        String::new()
    } else {
        format!(" (in {})", dir.display())
    }
}

impl Error {
    /// A stable machine-readable code for this kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::NoCasesFolder(_) => "no_cases_folder",
            Error::Taxonomy(_) => "taxonomy",
            Error::NotFound(_) => "not_found",
            Error::InvalidArgument(_) => "invalid_argument",
            Error::AlreadyExists(_) => "already_exists",
            Error::Store(_) => "store",
            Error::Index(_) => "index",
            Error::NoCollection(_) => "no_collection",
            Error::Export(_) => "export",
            Error::Editor(_) => "editor",
            Error::IndexBusy(_) => "index_busy",
            Error::NewerData { .. } => "newer_data",
            Error::NotReady => "not_ready",
            Error::Internal(_) => "internal",
        }
    }

    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        use tantivy::directory::error::LockError;
        match e {
            tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => {
                Error::IndexBusy(PathBuf::new())
            }
            e => Error::Index(e.to_string()),
        }
    }
}

/// An error as the desktop UI receives it over IPC: `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ErrorPayload {
    /// Stable machine-readable code ([`Error::code`]).
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        ErrorPayload {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}
