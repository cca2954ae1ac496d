//! `casebook search`: the arguments to a request, checked against the taxonomy, then the
//! results printed, as JSON or written to a file.

use super::args::SearchArgs;
use super::output::{CliSearch, print_search};
use super::{collection, open_indexed, print_json};
use crate::engine::Engine;
use crate::error::Error;
use crate::search::SearchRequest;

/// Runs `casebook search`.
pub(super) fn search(args: SearchArgs) -> Result<i32, Error> {
    let engine = open_indexed(&args.place)?;
    let mut request = SearchRequest::new(args.query.join(" "));
    for (facet, values) in [
        ("hazard", args.hazard),
        ("sector", args.sector),
        ("measure", args.measure),
        ("region", args.region),
        (
            "country",
            args.country
                .iter()
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        ),
        ("programme", args.programme),
        ("type", args.case_type),
        ("status", args.status),
        ("language", args.lang),
    ] {
        for v in values {
            request = request.filter(facet, v);
        }
    }
    check_filters(&engine, &request)?;
    request.from = args.from;
    request.to = args.to;
    request.limit = args.limit as usize;
    request.offset = args.offset;
    request.ui_lang = Some(args.ui_lang.clone());
    request.suggest = args.suggest;
    if let (Some(format), Some(out)) = (&args.format, &args.out) {
        let format = format.parse::<crate::collection::export::Format>()?;
        let options = crate::collection::export::Options::new(format, &args.ui_lang)?;
        let bytes = engine.export_search(&request, &options)?;
        return collection::write_out(out, &bytes);
    }
    let response = engine.search(&request)?;
    if args.json {
        return print_json(&CliSearch::from(&response));
    }
    print_search(&request, &response);
    Ok(0)
}

/// Rejects a filter value that the taxonomy does not have (a typo would silently find nothing).
pub(super) fn check_filters(engine: &Engine, request: &SearchRequest) -> Result<(), Error> {
    let tax = engine.taxonomy();
    for (facet, values) in &request.filters {
        if !crate::taxonomy::TAXONOMY_FACETS.contains(&facet.as_str()) {
            continue;
        }
        for v in values {
            if !tax.contains(facet, v) {
                let hint = tax
                    .suggest(facet, v)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                return Err(Error::InvalidArgument(format!(
                    "unknown {facet} `{v}` for '--{facet}'{hint}"
                )));
            }
        }
    }
    Ok(())
}
