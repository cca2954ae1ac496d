//! Problems found in case files and the taxonomy, reported as `path:line:col: severity: message`.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// How bad a problem is. A file with an error is left out of the index; a warning is only shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file still loads.
    Warning,
    /// The file is left out of the index.
    Error,
}

/// One problem in one file, pointing at a 1-based line and column in that file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Diagnostic {
    /// Path relative to the cases folder, with `/` separators.
    pub path: String,
    /// 1-based line in the file (0 when the problem is about the whole file).
    pub line: usize,
    /// 1-based column in the line (0 when unknown).
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The likely fix, when there is one.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at `line:column` of `path`.
    pub fn error(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line,
            column,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `line:column` of `path`.
    pub fn warning(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    /// Adds a hint naming the likely fix.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.column, sev, self.message
        )?;
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}
