//! Benchmark harness of the Casebook core: a seeded corpus generator, a query set, a SQLite
//! FTS5 baseline answering the same requests, and the measurements behind `BENCHMARKS.md`.

pub mod agree;
pub mod cli;
pub mod corpus;
pub mod fts;
pub mod profile;
pub mod queries;
pub mod run;
pub mod stats;
pub mod taxo;
pub mod vocab;
