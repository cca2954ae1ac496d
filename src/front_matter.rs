//! Splitting a case file into YAML front matter and markdown body.
