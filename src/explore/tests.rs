//! Tests of the aggregations over case facts: places, stats and likeness.

use super::*;

fn case(id: &str, city: &str, values: &[(&'static str, &str)], at: Option<[f64; 2]>) -> CaseFacts {
    CaseFacts {
        id: id.into(),
        title: format!("Title {id}"),
        city: city.into(),
        values: values.iter().map(|(f, v)| (*f, v.to_string())).collect(),
        started: None,
        coordinates: at,
        outcomes: 0,
        sources: 0,
    }
}

#[test]
fn places_group_by_city_and_count_types() {
    let facts = [
        case(
            "a",
            "Aarhus",
            &[("country", "DK"), ("type", "adaptation")],
            Some([56.0, 10.0]),
        ),
        case(
            "b",
            "Aarhus",
            &[("country", "DK"), ("type", "both")],
            Some([56.2, 10.2]),
        ),
        case(
            "c",
            "Oslo",
            &[("country", "NO"), ("type", "mitigation")],
            Some([59.9, 10.7]),
        ),
        case("d", "Nowhere", &[("country", "NO")], None),
    ];
    let p = places(&facts);
    assert_eq!(p.unplaced, 1);
    assert_eq!(p.places.len(), 2);
    let aarhus = &p.places[0];
    assert_eq!((aarhus.city.as_str(), aarhus.count), ("Aarhus", 2));
    assert_eq!(
        (aarhus.adaptation, aarhus.mitigation, aarhus.both),
        (1, 0, 1)
    );
    assert!((aarhus.lat - 56.1).abs() < 1e-9);
    assert_eq!(p.places[1].mitigation, 1);
}

#[test]
fn like_ranks_by_shared_place_and_explains() {
    let me = case(
        "me",
        "Here",
        &[
            ("coastal", "coastal"),
            ("population", "250k-1m"),
            ("hazard", "flooding"),
            ("hazard", "flooding/pluvial"),
            ("country", "DK"),
        ],
        None,
    );
    let twin = case(
        "twin",
        "There",
        &[
            ("coastal", "coastal"),
            ("population", "250k-1m"),
            ("hazard", "flooding"),
            ("hazard", "flooding/pluvial"),
        ],
        None,
    );
    let inland = case(
        "inland",
        "Far",
        &[("coastal", "inland"), ("hazard", "flooding")],
        None,
    );
    let neighbour = case("neighbour", "Near", &[("country", "DK")], None);
    let all = [me.clone(), twin, inland, neighbour];
    let hits = like(&me, &all, &Taxonomy::default(), "en", 10);
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    // `inland` shares only the parent `flooding`, not a hazard the case names itself.
    assert_eq!(ids, ["twin", "neighbour"]);
    assert_eq!(hits[0].reasons[..2], ["also coastal", "250,000–1 million"]);
    assert_eq!(hits[0].reasons[2], "flooding/pluvial");
    assert_eq!(hits[1].reasons, ["Denmark"]);
    let ja = like(&me, &all, &Taxonomy::default(), "ja", 1);
    assert_eq!(ja[0].reasons[0], "同じく沿岸");
}

#[test]
fn stats_count_years_unused_values_and_curator_lists() {
    let mut a = case("a", "A", &[("hazard", "drought"), ("country", "ES")], None);
    a.started = Some(2020);
    a.outcomes = 3;
    a.sources = 1;
    let mut b = case("b", "B", &[("hazard", "drought"), ("country", "PT")], None);
    b.started = Some(2018);
    b.outcomes = 1;
    b.sources = 4;
    let value = |id: &str, en: &str| crate::taxonomy::TaxonomyValue {
        id: id.into(),
        en: en.into(),
        ja: en.into(),
        codes: BTreeMap::new(),
        note: None,
    };
    let mut tax = Taxonomy::default();
    tax.facets.insert(
        "hazard".into(),
        crate::taxonomy::Facet {
            name: "hazard".into(),
            values: vec![value("drought", "Drought"), value("wildfire", "Wildfire")],
        },
    );
    let s = stats(&[a, b], &tax, "en");
    assert_eq!(s.total, 2);
    assert_eq!(
        s.hazard,
        [StatCount {
            id: "drought".into(),
            label: "Drought".into(),
            count: 2
        }]
    );
    assert_eq!(s.country.len(), 2);
    assert_eq!(
        s.years,
        [
            YearCount {
                year: 2018,
                count: 1
            },
            YearCount {
                year: 2020,
                count: 1
            }
        ]
    );
    assert_eq!(
        s.unused.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["wildfire"]
    );
    assert_eq!(s.fewest_outcomes[0].id, "b");
    assert_eq!(s.fewest_sources[0].id, "a");
}
