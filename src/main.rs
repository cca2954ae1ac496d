//! The `casebook` command-line interface.

fn main() {
    std::process::exit(casebook::cli::run());
}
