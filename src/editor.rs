//! Opening the file of a problem in the curator's editor, at the problem's line.
//!
//! Two rules keep this from becoming a way to run or open anything:
//! - Only a file that has a diagnostic can be opened ([`crate::Engine::problem_file`]), so a
//!   path chosen by a compromised page cannot name any other file.
//! - The editor command comes from the environment ([`EDITOR_ENV`]), never from a setting: the
//!   webview can write settings, and a program it could choose would let it run anything.
//!   Without the variable the file opens in the system's default application for it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};

/// The environment variable with the editor command, e.g. `code -g {path}:{line}` or
/// `subl {path}:{line}`. `{path}` and `{line}` are filled in; without `{path}` the file's path
/// is added as the last argument. Arguments are split as a POSIX shell would (quote a program
/// path with spaces).
pub const EDITOR_ENV: &str = "CASEBOOK_EDITOR";

/// How to open a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// Run the curator's editor with these arguments.
    Editor {
        /// The program, as written in the command.
        program: String,
        /// Its arguments, with `{path}` and `{line}` filled in.
        args: Vec<String>,
    },
    /// No editor is configured: open the file with the system's default application.
    System(PathBuf),
}

/// Plans how to open `file` at `line`, given the editor command `template` (the value of
/// [`EDITOR_ENV`], if any). An empty or blank template means the system's default.
pub fn plan(file: &Path, line: usize, template: Option<&str>) -> Result<Launch> {
    let Some(template) = template.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(Launch::System(file.to_path_buf()));
    };
    let words = shlex::split(template).ok_or_else(|| {
        Error::Editor(format!(
            "{EDITOR_ENV} `{template}` has an unclosed quote; close it, e.g. `\"C:\\Program Files\\Editor\\editor.exe\" {{path}}`"
        ))
    })?;
    let path = file.to_string_lossy();
    let line = line.max(1).to_string();
    let mut filled = words
        .iter()
        .map(|w| w.replace("{path}", &path).replace("{line}", &line));
    let Some(program) = filled.next() else {
        return Ok(Launch::System(file.to_path_buf()));
    };
    let mut args: Vec<String> = filled.collect();
    if !words.iter().any(|w| w.contains("{path}")) {
        args.push(path.into_owned());
    }
    Ok(Launch::Editor { program, args })
}

impl Launch {
    /// Starts the editor without waiting for it (a thread reaps it when it exits). Does nothing
    /// for [`Launch::System`]: the desktop shell opens those through its opener.
    pub fn spawn(&self) -> Result<()> {
        let Launch::Editor { program, args } = self else {
            return Ok(());
        };
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                Error::Editor(format!(
                    "could not start the editor `{program}` ({e}); check {EDITOR_ENV}, or unset it to use the system's default application"
                ))
            })?;
        std::thread::spawn(move || {
            let _ = child.wait();
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor(template: &str) -> (String, Vec<String>) {
        match plan(Path::new("/lib/eu/a b.md"), 12, Some(template)).expect("plan") {
            Launch::Editor { program, args } => (program, args),
            other => panic!("expected an editor, got {other:?}"),
        }
    }

    #[test]
    fn placeholders_are_filled_in_one_argument() {
        let (program, args) = editor("code -g {path}:{line}");
        assert_eq!(program, "code");
        assert_eq!(args, ["-g", "/lib/eu/a b.md:12"]);
    }

    #[test]
    fn the_path_is_appended_when_the_command_does_not_place_it() {
        let (program, args) = editor("\"/opt/My Editor/ed\" --wait");
        assert_eq!(program, "/opt/My Editor/ed");
        assert_eq!(args, ["--wait", "/lib/eu/a b.md"]);
    }

    #[test]
    fn no_command_means_the_system_default() {
        let file = Path::new("x.md");
        assert_eq!(plan(file, 1, None).ok(), Some(Launch::System(file.into())));
        assert_eq!(
            plan(file, 1, Some("   ")).ok(),
            Some(Launch::System(file.into()))
        );
    }

    #[test]
    fn an_unclosed_quote_is_an_error_that_names_the_variable() {
        let e = plan(Path::new("x.md"), 1, Some("\"code -g")).expect_err("unclosed quote");
        assert!(e.to_string().contains(EDITOR_ENV), "{e}");
        assert_eq!(e.code(), "editor");
    }

    #[test]
    fn a_missing_program_is_an_error_not_a_panic() {
        let launch = plan(
            Path::new("x.md"),
            1,
            Some("casebook-no-such-editor-program {path}"),
        )
        .expect("plan");
        let e = launch.spawn().expect_err("no such program");
        assert!(e.to_string().contains("casebook-no-such-editor-program"));
    }
}
