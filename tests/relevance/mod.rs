//! Ranking quality over the bundled library: nDCG@10 and MRR of the judged queries in
//! `tests/relevance/queries.yaml`, overall and per interface language. The test prints the
//! figures (run it with `--nocapture` to see them) and fails when one drops below its floor.
//!
//! The floors are set from the measured figures with a margin, so that cases added to the
//! library later (unjudged, so counted as not relevant) do not break the test while a real
//! regression of the ranking does.

use casebook::{Engine, SearchRequest};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One judged query of `queries.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Judged {
    q: String,
    lang: String,
    kind: String,
    rel: BTreeMap<String, u8>,
}

/// Floors: (overall, English, Japanese). Measured figures and their history are in
/// BENCHMARKS.md ("Ranking quality").
const FLOOR_NDCG: (f64, f64, f64) = (0.87, 0.87, 0.87);
/// Floors of the mean reciprocal rank.
const FLOOR_MRR: (f64, f64, f64) = (0.95, 0.95, 0.95);

/// Cut-off of nDCG.
const K: usize = 10;

fn dcg(gains: impl Iterator<Item = u8>) -> f64 {
    gains
        .take(K)
        .enumerate()
        .map(|(i, g)| (2f64.powi(i32::from(g)) - 1.0) / ((i + 2) as f64).log2())
        .sum::<f64>()
        + 0.0 // an empty sum is -0.0
}

/// nDCG@10 and reciprocal rank of one ranking against its judgments. A query without
/// judgments must find nothing: 1 when it does, 0 otherwise.
fn score(judged: &Judged, ranking: &[String], total: u64) -> (f64, f64) {
    if judged.rel.is_empty() {
        let ok = if total == 0 { 1.0 } else { 0.0 };
        return (ok, ok);
    }
    let gain = |id: &String| judged.rel.get(id).copied().unwrap_or(0);
    let mut ideal: Vec<u8> = judged.rel.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let ndcg = dcg(ranking.iter().map(gain)) / dcg(ideal.iter().copied());
    // The first "relevant" hit: grade 2 or more, or 1 when nothing is graded higher.
    let threshold = ideal.first().copied().unwrap_or(1).min(2);
    let rr = ranking
        .iter()
        .take(K)
        .position(|id| gain(id) >= threshold)
        .map_or(0.0, |i| 1.0 / (i + 1) as f64);
    (ndcg, rr)
}

#[derive(Default)]
struct Mean {
    ndcg: f64,
    rr: f64,
    n: usize,
}

impl Mean {
    fn add(&mut self, ndcg: f64, rr: f64) {
        self.ndcg += ndcg;
        self.rr += rr;
        self.n += 1;
    }
    fn get(&self) -> (f64, f64) {
        let n = self.n.max(1) as f64;
        (self.ndcg / n, self.rr / n)
    }
}

#[test]
fn relevance_ndcg_and_mrr_meet_their_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/relevance/queries.yaml"))
        .expect("read queries.yaml");
    let queries: Vec<Judged> = serde_saphyr::from_str(&text).expect("parse queries.yaml");
    let (mut en, mut ja) = (0, 0);
    for j in &queries {
        match j.lang.as_str() {
            "en" => en += 1,
            "ja" => ja += 1,
            other => panic!("query {:?}: unknown lang {other}", j.q),
        }
        assert!(
            !j.kind.is_empty() && j.rel.values().all(|g| *g <= 3),
            "{j:?}"
        );
        assert_eq!(j.kind == "none", j.rel.is_empty(), "{j:?}");
    }
    assert!(
        queries.len() >= 60 && en >= 30 && ja >= 20,
        "{en} en, {ja} ja"
    );

    let data = tempfile::tempdir().expect("tempdir");
    let engine = Engine::open(&root.join("cases"), data.path()).expect("open bundled cases");
    engine.index().expect("index");
    let mut rows: Vec<(f64, f64, &Judged, Vec<String>)> = Vec::new();
    let (mut all, mut by_en, mut by_ja) = (Mean::default(), Mean::default(), Mean::default());
    for j in &queries {
        for id in j.rel.keys() {
            assert!(
                engine.case(id, None).is_ok(),
                "query {:?} judges `{id}`, which is not a case of the library",
                j.q
            );
        }
        let mut request = SearchRequest::new(&j.q);
        request.limit = K;
        request.ui_lang = Some(j.lang.clone());
        let response = engine.search(&request).expect("search");
        let ranking: Vec<String> = response.hits.iter().map(|h| h.id.clone()).collect();
        let (ndcg, rr) = score(j, &ranking, response.total);
        all.add(ndcg, rr);
        if j.lang == "en" {
            &mut by_en
        } else {
            &mut by_ja
        }
        .add(ndcg, rr);
        rows.push((ndcg, rr, j, ranking));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    let verbose = std::env::var_os("RELEVANCE_VERBOSE").is_some();
    println!("relevance: the weakest queries (nDCG@10, RR, kind, query, top 5):");
    for (ndcg, rr, j, ranking) in rows.iter().take(if verbose { rows.len() } else { 12 }) {
        let top: Vec<String> = ranking
            .iter()
            .take(5)
            .map(|id| format!("{id}({})", j.rel.get(id).copied().unwrap_or(0)))
            .collect();
        println!(
            "  {ndcg:.3} {rr:.2} {:<12} {:<40} {}",
            j.kind,
            format!("{:?}", j.q),
            top.join(" ")
        );
    }
    let ((n_all, r_all), (n_en, r_en), (n_ja, r_ja)) = (all.get(), by_en.get(), by_ja.get());
    println!(
        "relevance: {} queries ({en} en, {ja} ja): nDCG@10 {n_all:.3} (en {n_en:.3}, ja {n_ja:.3}); \
         MRR {r_all:.3} (en {r_en:.3}, ja {r_ja:.3})",
        queries.len()
    );
    let checks = [
        ("nDCG@10", n_all, FLOOR_NDCG.0),
        ("nDCG@10 en", n_en, FLOOR_NDCG.1),
        ("nDCG@10 ja", n_ja, FLOOR_NDCG.2),
        ("MRR", r_all, FLOOR_MRR.0),
        ("MRR en", r_en, FLOOR_MRR.1),
        ("MRR ja", r_ja, FLOOR_MRR.2),
    ];
    for (name, got, floor) in checks {
        assert!(
            got >= floor,
            "{name} {got:.3} is below its floor {floor:.2}"
        );
    }
}

#[test]
fn ndcg_and_reciprocal_rank_are_computed_as_defined() {
    let j = Judged {
        q: "x".into(),
        lang: "en".into(),
        kind: "word".into(),
        rel: [("a".to_string(), 3), ("b".to_string(), 1)]
            .into_iter()
            .collect(),
    };
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(score(&j, &ids(&["a", "b"]), 2), (1.0, 1.0));
    let (ndcg, rr) = score(&j, &ids(&["c", "b", "a"]), 3);
    // DCG = 1/log2(3) + 7/log2(4); IDCG = 7 + 1/log2(3).
    let expect = (1.0 / 3f64.log2() + 3.5) / (7.0 + 1.0 / 3f64.log2());
    assert!((ndcg - expect).abs() < 1e-9, "{ndcg} vs {expect}");
    assert!((rr - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(score(&j, &[], 0), (0.0, 0.0));
    let none = Judged {
        rel: BTreeMap::new(),
        kind: "none".into(),
        ..j
    };
    assert_eq!(score(&none, &[], 0), (1.0, 1.0));
    assert_eq!(score(&none, &ids(&["a"]), 1), (0.0, 0.0));
}
