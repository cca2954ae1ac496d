//! The map, overview and "cities like this one" over the valid fixture library, with a few
//! fields changed in a copy: population and coast for two cases, no coordinates for one.

use super::{casebook, copy_fixture, json, stdout};
use casebook::{Engine, SearchRequest, Severity};
use std::path::Path;

/// A copy of the valid library where Copenhagen and Rotterdam are coastal cities of 250k-1M
/// and Lahti has no coordinates.
fn library(root: &Path) {
    copy_fixture("valid", root);
    let edit = |rel: &str, from: &str, to: &str| {
        let path = root.join(rel);
        let text = std::fs::read_to_string(&path).expect("read fixture");
        assert!(text.contains(from), "{rel} has `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write fixture");
    };
    edit(
        "eu/copenhagen-cloudburst.md",
        "population: 660000",
        "population: 660000\ncoastal: true",
    );
    edit(
        "eu/rotterdam-water-square.md",
        "city: Rotterdam\n",
        "city: Rotterdam\npopulation: 655000\ncoastal: true\n",
    );
    edit("eu/lahti-coal-exit.md", "coordinates: [60.98, 25.66]\n", "");
}

fn open(root: &Path, data: &Path) -> Engine {
    let engine = Engine::open(root, data).expect("open");
    engine.index().expect("index");
    engine
}

#[test]
fn places_follow_the_search_and_the_city_filter_selects_a_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    library(dir.path());
    let engine = open(dir.path(), data.path());

    let warnings: Vec<_> = engine
        .diagnostics()
        .into_iter()
        .filter(|d| d.message.starts_with("no `coordinates`"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].severity, Severity::Warning);
    assert!(
        warnings[0].path.ends_with("lahti-coal-exit.md"),
        "{warnings:?}"
    );

    let all = engine.places(&SearchRequest::default()).expect("places");
    assert_eq!(all.unplaced, 1);
    let cities: Vec<&str> = all.places.iter().map(|p| p.city.as_str()).collect();
    assert_eq!(all.places.len(), 5, "{cities:?}");
    let cph = all
        .places
        .iter()
        .find(|p| p.city == "Copenhagen")
        .expect("Copenhagen");
    assert_eq!(
        (cph.country.as_str(), cph.count, cph.adaptation),
        ("DK", 1, 1)
    );
    assert!((cph.lat - 55.68).abs() < 1e-9 && (cph.lon - 12.57).abs() < 1e-9);
    let vienna = all
        .places
        .iter()
        .find(|p| p.city == "Vienna")
        .expect("Vienna");
    assert_eq!(vienna.mitigation, 1);

    // The map follows filters, and names cities in the UI language.
    let floods = engine
        .places(&SearchRequest::new("").filter("hazard", "flooding"))
        .expect("places");
    let mut cities: Vec<&str> = floods.places.iter().map(|p| p.city.as_str()).collect();
    cities.sort_unstable();
    assert_eq!(cities, ["Copenhagen", "Edogawa", "Rotterdam"]);
    let ja = engine
        .places(&SearchRequest {
            ui_lang: Some("ja".into()),
            ..SearchRequest::new("").filter("country", "JP")
        })
        .expect("places ja");
    assert_eq!(ja.places[0].city, "江戸川区");

    // Clicking a place filters by its name, in either language.
    for city in ["江戸川区", "Edogawa"] {
        let r = engine
            .search(&SearchRequest::new("").filter("city", city))
            .expect("search");
        assert_eq!(r.total, 1, "{city}");
        assert_eq!(r.hits[0].id, "edogawa-hazard-map");
        assert!(
            !r.facets.contains_key("city"),
            "city is a filter, not a facet"
        );
    }
    let none = engine
        .search(&SearchRequest::new("").filter("city", "Atlantis"))
        .expect("search");
    assert_eq!(none.total, 0);
}

#[test]
fn population_and_coast_are_facets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    library(dir.path());
    let engine = open(dir.path(), data.path());
    let r = engine
        .search(&SearchRequest {
            ui_lang: Some("ja".into()),
            ..SearchRequest::default()
        })
        .expect("search");
    let band = &r.facets["population"];
    assert_eq!(band.len(), 1, "{band:?}");
    assert_eq!((band[0].id.as_str(), band[0].count), ("250k-1m", 2));
    assert_eq!(band[0].label, "25万〜100万人");
    assert_eq!(r.facets["coastal"][0].id, "coastal");
    assert_eq!(r.facets["coastal"][0].count, 2);
    let coastal = engine
        .search(&SearchRequest::new("").filter("coastal", "coastal"))
        .expect("search");
    assert_eq!(coastal.total, 2);
}

#[test]
fn stats_count_all_matches_and_like_ranks_by_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    library(dir.path());
    let engine = open(dir.path(), data.path());
    let s = engine.stats(&SearchRequest::default()).expect("stats");
    assert_eq!(s.total, 6);
    let flooding = s
        .hazard
        .iter()
        .find(|c| c.id == "flooding")
        .expect("flooding");
    assert_eq!(flooding.count, 3);
    assert_eq!(s.country.iter().map(|c| c.count).sum::<u32>(), 6);
    assert_eq!(s.years.iter().map(|y| y.count).sum::<u32>() + s.no_year, 6);
    // The fixture taxonomy's one programme no case uses.
    let unused: Vec<(&str, &str)> = s
        .unused
        .iter()
        .map(|u| (u.facet.as_str(), u.id.as_str()))
        .collect();
    assert_eq!(unused, [("programme", "jp-dla")]);
    assert!(!s.unused.iter().any(|u| u.id == "flooding/pluvial"));
    assert_eq!(s.fewest_outcomes.len(), 6);
    assert!(
        s.fewest_outcomes
            .windows(2)
            .all(|w| w[0].outcomes <= w[1].outcomes)
    );
    let filtered = engine
        .stats(&SearchRequest::new("").filter("type", "mitigation"))
        .expect("stats");
    assert_eq!(filtered.total, 2);

    let like = engine.like("copenhagen-cloudburst", 3, "en").expect("like");
    assert_eq!(like[0].id, "rotterdam-water-square");
    assert_eq!(like[0].reasons[..2], ["also coastal", "250,000–1 million"]);
    assert!(
        like[0].reasons.iter().any(|r| r.contains("luvial")),
        "{:?}",
        like[0].reasons
    );
    assert!(like.iter().all(|h| h.id != "copenhagen-cloudburst"));
    let like_ja = engine
        .like("copenhagen-cloudburst", 3, "ja")
        .expect("like ja");
    assert_eq!(like_ja[0].reasons[0], "同じく沿岸");
    assert!(matches!(
        engine.like("no-such-case", 3, "en"),
        Err(casebook::Error::NotFound(_))
    ));
}

#[test]
fn cli_stats_and_like() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    library(dir.path());
    let cases = dir.path().to_str().expect("utf8");
    let out = casebook(&["stats", "--json", "--cases", cases], data.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v = json(&out);
    assert_eq!(v["total"], 6);
    let out = casebook(
        &["stats", "--hazard", "flooding", "--cases", cases],
        data.path(),
    );
    let text = stdout(&out);
    assert!(text.starts_with("3 case(s)\n"), "{text}");
    assert!(text.contains("Taxonomy values no case uses"), "{text}");
    let out = casebook(
        &["stats", "--hazard", "flood", "--cases", cases],
        data.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let out = casebook(
        &["like", "copenhagen-cloudburst", "--cases", cases],
        data.path(),
    );
    let text = stdout(&out);
    assert!(text.contains("[rotterdam-water-square]"), "{text}");
    assert!(text.contains("also coastal"), "{text}");
    let out = casebook(&["like", "nope", "--cases", cases], data.path());
    assert_eq!(out.status.code(), Some(1));
}

/// Times `places` and `stats` over a generated library: `CASEBOOK_EXPLORE_BENCH=DIR cargo test
/// -p casebook --test casebook explore_timings -- --ignored --nocapture` after
/// `casebook-bench gen --n 10000 --out DIR`.
#[test]
#[ignore = "needs a generated library; prints timings"]
fn explore_timings() {
    let Some(dir) = std::env::var_os("CASEBOOK_EXPLORE_BENCH") else {
        eprintln!("set CASEBOOK_EXPLORE_BENCH to a generated library");
        return;
    };
    let data = tempfile::tempdir().expect("tempdir");
    // A kept data folder (`CASEBOOK_EXPLORE_BENCH_DATA`) spares the indexing on the next run.
    let data_dir = std::env::var_os("CASEBOOK_EXPLORE_BENCH_DATA")
        .map_or_else(|| data.path().to_path_buf(), std::path::PathBuf::from);
    let engine = Engine::open(Path::new(&dir), &data_dir).expect("open");
    engine.index().expect("index");
    let requests = [
        ("all", SearchRequest::default()),
        (
            "hazard=flooding",
            SearchRequest::new("").filter("hazard", "flooding"),
        ),
        ("query `heat`", SearchRequest::new("heat")),
    ];
    for (name, request) in requests {
        // The first run warms the columns; the figure is the median of five.
        let times = |f: &dyn Fn()| {
            f();
            let mut ms: Vec<f64> = (0..5)
                .map(|_| {
                    let t = std::time::Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            ms[2]
        };
        let places = engine.places(&request).expect("places");
        let stats = engine.stats(&request).expect("stats");
        let p = times(&|| {
            engine.places(&request).expect("places");
        });
        let s = times(&|| {
            engine.stats(&request).expect("stats");
        });
        eprintln!(
            "{name}: {} matches, {} places ({} unplaced): places {p:.1} ms, stats {s:.1} ms",
            stats.total,
            places.places.len(),
            places.unplaced
        );
    }
}
