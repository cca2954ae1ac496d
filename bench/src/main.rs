//! `casebook-bench`: generate corpora, run the benchmark, run the CI smoke test.

fn main() {
    std::process::exit(casebook_bench::cli::main());
}
