//! The `casebook` command line (DESIGN §6).

/// Runs the CLI with the process arguments and returns the exit code.
pub fn run() -> i32 {
    0
}
