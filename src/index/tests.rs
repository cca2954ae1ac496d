//! Tests of the index against small hand-made libraries.

use super::lifecycle::VERSION_FILE;
use super::*;
use crate::case::{CaseMeta, CaseType, Source, Status};
use crate::error::Error;
use crate::search::{FACETS, SearchRequest, SearchResponse};
use crate::taxonomy::Taxonomy;
use crate::taxonomy::{Facet as TaxFacet, TaxonomyValue};

/// A case under construction: sensible defaults, changed with the builder methods.
struct C {
    meta: CaseMeta,
    lang: String,
    body: String,
}

fn c(id: &str) -> C {
    C {
        meta: CaseMeta {
            id: id.to_string(),
            title: format!("Case {id}"),
            city: "Testville".into(),
            country: "DK".into(),
            region: "europe".into(),
            programmes: vec![],
            hazards: vec![],
            sectors: vec!["water".into()],
            measures: vec!["physical/grey".into()],
            case_type: CaseType::Adaptation,
            status: Status::Ongoing,
            started: None,
            ended: None,
            population: None,
            coordinates: None,
            coastal: None,
            summary: "A case study.".into(),
            outcomes: vec![],
            sources: vec![Source {
                title: "Source".into(),
                url: "https://example.org".into(),
                accessed: None,
            }],
            updated: "2026-11-28".into(),
        },
        lang: "en".into(),
        body: String::new(),
    }
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl C {
    fn title(mut self, t: &str) -> Self {
        self.meta.title = t.into();
        self
    }
    fn summary(mut self, s: &str) -> Self {
        self.meta.summary = s.into();
        self
    }
    fn body(mut self, b: &str) -> Self {
        self.body = b.into();
        self
    }
    fn city(mut self, s: &str) -> Self {
        self.meta.city = s.into();
        self
    }
    fn country(mut self, s: &str) -> Self {
        self.meta.country = s.into();
        self
    }
    fn lang(mut self, l: &str) -> Self {
        self.lang = l.into();
        self
    }
    fn hazards(mut self, v: &[&str]) -> Self {
        self.meta.hazards = strings(v);
        self
    }
    fn sectors(mut self, v: &[&str]) -> Self {
        self.meta.sectors = strings(v);
        self
    }
    fn measures(mut self, v: &[&str]) -> Self {
        self.meta.measures = strings(v);
        self
    }
    fn programmes(mut self, v: &[&str]) -> Self {
        self.meta.programmes = strings(v);
        self
    }
    fn kind(mut self, t: CaseType) -> Self {
        self.meta.case_type = t;
        self
    }
    fn started(mut self, y: i32) -> Self {
        self.meta.started = Some(y);
        self
    }
    fn build(self) -> Case {
        let path = if self.lang == "en" {
            format!("{}.md", self.meta.id)
        } else {
            format!("{}.{}.md", self.meta.id, self.lang)
        };
        Case {
            path,
            lang: self.lang,
            meta: self.meta,
            body: self.body,
            body_line: 1,
            hash: String::new(),
            mtime: 0,
        }
    }
}

fn add(index: &Index, cases: Vec<C>) {
    let cases: Vec<Case> = cases.into_iter().map(C::build).collect();
    let rendered: Vec<_> = cases
        .iter()
        .map(|c| crate::markdown::render(&c.body, &c.path))
        .collect();
    let docs: Vec<IndexDoc<'_>> = cases
        .iter()
        .zip(&rendered)
        .map(|(case, r)| IndexDoc {
            case,
            text: &r.text,
            headings: &r.headings,
            concepts: &[],
        })
        .collect();
    index.upsert(&docs).expect("upsert");
    index.commit().expect("commit");
}

fn index_of(cases: Vec<C>) -> Index {
    let index = Index::in_memory().expect("index");
    add(&index, cases);
    index
}

fn taxonomy() -> Taxonomy {
    let value = |id: &str, en: &str, ja: &str| TaxonomyValue {
        id: id.into(),
        en: en.into(),
        ja: ja.into(),
        codes: Default::default(),
        note: None,
    };
    let mut t = Taxonomy::default();
    t.facets.insert(
        "hazard".into(),
        TaxFacet {
            name: "hazard".into(),
            values: vec![
                value("flooding", "Flooding", "洪水"),
                value("flooding/pluvial", "Pluvial flooding", "内水氾濫"),
                value("flooding/coastal", "Coastal flooding", "高潮"),
                value("heat", "Heat", "暑熱"),
            ],
        },
    );
    t
}

fn search(index: &Index, request: &SearchRequest) -> SearchResponse {
    index
        .search(request, &taxonomy(), &Vocabulary::default())
        .expect("search")
}

fn ids(r: &SearchResponse) -> Vec<String> {
    r.hits.iter().map(|h| h.id.clone()).collect()
}

fn q(index: &Index, query: &str) -> Vec<String> {
    ids(&search(index, &SearchRequest::new(query)))
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn counts(r: &SearchResponse, facet: &str) -> Vec<(String, u64)> {
    r.facets[facet]
        .iter()
        .map(|f| (f.id.clone(), f.count))
        .collect()
}

fn pairs(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(s, n)| (s.to_string(), *n)).collect()
}

#[test]
fn index_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Index>();
}

#[test]
fn words_are_anded() {
    let index = index_of(vec![
        c("a").body("Green roofs on schools."),
        c("b").body("Green walls on offices."),
        c("c").body("Blue roofs store rain."),
    ]);
    assert_eq!(q(&index, "green roofs "), vec!["a"]);
    assert_eq!(sorted(q(&index, "roofs ")), vec!["a", "c"]);
    // Stemming: "roof" finds "roofs".
    assert_eq!(sorted(q(&index, "roof ")), vec!["a", "c"]);
    assert!(q(&index, "green rain ").is_empty());
    // OR joins alternatives.
    assert_eq!(sorted(q(&index, "walls OR blue ")), vec!["b", "c"]);
}

#[test]
fn last_word_is_a_prefix_while_typing() {
    let index = index_of(vec![
        c("a").body("Deep retrofit of social housing."),
        c("b").body("Retro style lamps."),
        c("c").body("Buildings insulated."),
    ]);
    assert_eq!(sorted(q(&index, "retro")), vec!["a", "b"]);
    // A finished word is not a prefix.
    assert_eq!(q(&index, "retro "), vec!["b"]);
    // An unstemmed prefix of a word whose stem is shorter ("buildi" of "buildings").
    assert_eq!(q(&index, "buildi"), vec!["c"]);
    // Only the last word is a prefix.
    assert!(q(&index, "retro housi ").is_empty());
    assert_eq!(q(&index, "housing retro"), vec!["a"]);
    // Short prefixes (one term of the prefix field) and long ones (a range) agree.
    assert_eq!(sorted(q(&index, "r")), vec!["a", "b"]);
    assert_eq!(sorted(q(&index, "re")), vec!["a", "b"]);
    assert_eq!(sorted(q(&index, "ret")), vec!["a", "b"]);
    assert_eq!(sorted(q(&index, "retr")), vec!["a", "b"]);
    assert_eq!(q(&index, "bui"), vec!["c"]);
    assert_eq!(q(&index, "housing s"), vec!["a"]);
    // An explicit star makes any word a prefix.
    assert_eq!(q(&index, "retrof* housing "), vec!["a"]);
}

#[test]
fn prefix_with_more_than_fifty_expansions_is_complete() {
    let cases = (0..60)
        .map(|i| c(&format!("d{i}")).body(&format!("Word retro{i} here.")))
        .collect();
    let index = index_of(cases);
    let mut r = SearchRequest::new("retro");
    r.limit = 100;
    let res = search(&index, &r);
    assert_eq!(res.total, 60);
    assert_eq!(res.hits.len(), 60);
    // The same through the short-prefix field.
    let mut r = SearchRequest::new("ret");
    r.limit = 100;
    assert_eq!(search(&index, &r).total, 60);
}

#[test]
fn quoted_phrases_match_in_order() {
    let index = index_of(vec![
        c("a").body("The cloud burst tunnel was built."),
        c("b").body("A burst of cloud cover."),
    ]);
    assert_eq!(q(&index, "\"cloud burst\""), vec!["a"]);
    assert_eq!(sorted(q(&index, "cloud burst ")), vec!["a", "b"]);
    // An unclosed phrase runs to the end.
    assert_eq!(q(&index, "\"cloud burst"), vec!["a"]);
}

#[test]
fn minus_excludes() {
    let index = index_of(vec![
        c("a").body("Green roofs."),
        c("b").body("Blue roofs."),
        c("c").body("Green parks."),
    ]);
    assert_eq!(q(&index, "roofs -blue"), vec!["a"]);
    assert_eq!(q(&index, "roofs NOT blue"), vec!["a"]);
    // Only exclusions: everything else, in browse order.
    assert_eq!(q(&index, "-blue"), vec!["a", "c"]);
    assert_eq!(q(&index, "-\"green roofs\""), vec!["b", "c"]);
}

#[test]
fn excluded_phrase_in_a_segment_without_the_phrase() {
    // Each commit makes a segment; in the second one both words occur but never as the
    // phrase, so its phrase scorer starts exhausted (this used to trip a tantivy assertion).
    let index = index_of(vec![c("a").body("Green roofs.")]);
    add(
        &index,
        vec![
            c("b").body("Roofs painted green."),
            c("c").body("Blue roofs."),
        ],
    );
    assert_eq!(q(&index, "-\"green roofs\""), vec!["b", "c"]);
    assert_eq!(sorted(q(&index, "roofs -\"green roofs\" ")), vec!["b", "c"]);
    assert_eq!(q(&index, "roofs \"green roofs\" "), vec!["a"]);
}

#[test]
fn field_queries() {
    let index = index_of(vec![
        c("a")
            .title("Harbour baths")
            .body("Swimming in Copenhagen.")
            .city("Copenhagen"),
        c("b")
            .title("Copenhagen climate plan")
            .body("Harbour.")
            .city("Aarhus"),
        c("c")
            .title("Rotterdam water squares")
            .city("Rotterdam")
            .country("NL"),
    ]);
    assert_eq!(q(&index, "title:harbour "), vec!["a"]);
    assert_eq!(q(&index, "city:copenhagen "), vec!["a"]);
    assert_eq!(q(&index, "title:copenhagen "), vec!["b"]);
    assert_eq!(q(&index, "title:\"climate plan\""), vec!["b"]);
    assert_eq!(q(&index, "country:nl"), vec!["c"]);
    assert_eq!(q(&index, "country:Netherlands"), vec!["c"]);
    assert_eq!(sorted(q(&index, "-country:NL")), vec!["a", "b"]);
    assert!(q(&index, "country:zz").is_empty());
    // An unknown field is plain text.
    assert_eq!(q(&index, "foo:rotterdam "), Vec::<String>::new());
    assert_eq!(q(&index, "water:squares "), vec!["c"]);
}

#[test]
fn typo_tolerance_corrects_and_says_so() {
    let index = index_of(vec![
        c("a").body("Flooding of the old town."),
        c("b").body("Infrastructure for cycling."),
        c("c").body("Heat."),
    ]);
    let r = search(&index, &SearchRequest::new("flodding"));
    assert_eq!(ids(&r), vec!["a"]);
    assert_eq!(r.corrected.as_deref(), Some("flooding"));
    // Two edits for long words.
    let r = search(&index, &SearchRequest::new("infrastrcutre cyclng "));
    assert_eq!(ids(&r), vec!["b"]);
    assert_eq!(r.corrected.as_deref(), Some("infrastructure cycling"));
    // Short words are not corrected; found words are not corrected.
    let r = search(&index, &SearchRequest::new("haet "));
    assert_eq!(r.total, 0);
    assert_eq!(r.corrected, None);
    let r = search(
        &index,
        &SearchRequest::new("flooding ").filter("country", "JP"),
    );
    assert_eq!((r.total, r.corrected), (0, None));
    // A query with hits is never corrected.
    assert_eq!(search(&index, &SearchRequest::new("heat")).corrected, None);
}

#[test]
fn title_outranks_body() {
    let index = index_of(vec![
        c("body")
            .title("Urban plan")
            .body("A heatwave plan for the city heatwave."),
        c("title")
            .title("Heatwave shelters")
            .body("Shelters for the city."),
        c("summary").title("Cooling").summary("Heatwave relief."),
    ]);
    assert_eq!(q(&index, "heatwave "), vec!["title", "summary", "body"]);
}

#[test]
fn exact_title_ranks_first() {
    let index = index_of(vec![
        c("many")
            .title("Green roofs and more green roofs")
            .summary("Green roofs everywhere, green roofs.")
            .body("Green roofs green roofs green roofs."),
        c("exact").title("Green Roofs").body("A programme."),
    ]);
    assert_eq!(q(&index, "green roofs")[0], "exact");
    assert_eq!(q(&index, "GREEN   roofs!")[0], "exact");
}

/// d1: flooding/pluvial, DK, adaptation, 2010; d2: flooding/coastal, NL, adaptation, 2015;
/// d3: heat, DK, both, no year; d4: no hazard, JP, mitigation, Japanese, 2020.
fn facet_library() -> Index {
    index_of(vec![
        c("d1")
            .title("One")
            .hazards(&["flooding/pluvial"])
            .started(2010),
        c("d2")
            .title("Two")
            .hazards(&["flooding/coastal"])
            .country("NL")
            .started(2015),
        c("d3")
            .title("Three")
            .hazards(&["heat"])
            .kind(CaseType::Both),
        c("d4")
            .title("Four")
            .country("JP")
            .kind(CaseType::Mitigation)
            .lang("ja")
            .started(2020),
    ])
}

#[test]
fn disjunctive_facet_counts() {
    let index = facet_library();
    let r = search(
        &index,
        &SearchRequest::new("")
            .filter("hazard", "flooding")
            .filter("country", "DK"),
    );
    assert_eq!(ids(&r), vec!["d1"]);
    assert_eq!(r.total, 1);
    // hazard counts ignore the hazard selection but keep country=DK: d1, d3.
    assert_eq!(
        counts(&r, "hazard"),
        pairs(&[("flooding", 1), ("flooding/pluvial", 1), ("heat", 1)])
    );
    // country counts ignore the country selection but keep hazard=flooding: d1, d2.
    assert_eq!(counts(&r, "country"), pairs(&[("DK", 1), ("NL", 1)]));
    // Facets without a selection count the hits: d1.
    assert_eq!(counts(&r, "type"), pairs(&[("adaptation", 1)]));
    assert_eq!(counts(&r, "language"), pairs(&[("en", 1)]));
    assert_eq!(counts(&r, "sector"), pairs(&[("water", 1)]));
    assert_eq!(
        counts(&r, "measure"),
        pairs(&[("physical", 1), ("physical/grey", 1)])
    );
    assert!(counts(&r, "programme").is_empty());
    assert_eq!(
        r.facets.len(),
        FACETS.len() - crate::search::FILTER_ONLY.len()
    );

    // OR within a facet; a selected value with no match is listed with 0.
    let r = search(
        &index,
        &SearchRequest::new("")
            .filter("country", "DK")
            .filter("country", "jp")
            .filter("country", "SE"),
    );
    assert_eq!(sorted(ids(&r)), vec!["d1", "d3", "d4"]);
    assert_eq!(
        counts(&r, "country"),
        pairs(&[("DK", 2), ("JP", 1), ("NL", 1), ("SE", 0)])
    );
    assert_eq!(
        counts(&r, "type"),
        pairs(&[("adaptation", 1), ("both", 1), ("mitigation", 1)])
    );
}

#[test]
fn parent_selection_includes_children_and_labels_follow_ui_lang() {
    let index = facet_library();
    let mut req = SearchRequest::new("").filter("hazard", "flooding");
    req.ui_lang = Some("ja".into());
    let r = search(&index, &req);
    assert_eq!(ids(&r), vec!["d1", "d2"]);
    assert_eq!(
        counts(&r, "hazard"),
        pairs(&[
            ("flooding", 2),
            ("flooding/coastal", 1),
            ("flooding/pluvial", 1),
            ("heat", 1)
        ])
    );
    let labels: Vec<&str> = r.facets["hazard"]
        .iter()
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(labels, vec!["洪水", "高潮", "内水氾濫", "暑熱"]);
    let country: Vec<&str> = r.facets["country"]
        .iter()
        .map(|f| f.label.as_str())
        .collect();
    assert_eq!(country, vec!["デンマーク", "オランダ"]);
    // A child selection does not select its siblings.
    let r = search(
        &index,
        &SearchRequest::new("").filter("hazard", "flooding/coastal"),
    );
    assert_eq!(ids(&r), vec!["d2"]);
}

#[test]
fn year_range_is_inclusive_and_drops_unknown_years_only_when_set() {
    let index = facet_library();
    let mut r = SearchRequest::new("");
    assert_eq!(search(&index, &r).total, 4);
    r.from = Some(2015);
    assert_eq!(sorted(ids(&search(&index, &r))), vec!["d2", "d4"]);
    r.to = Some(2015);
    assert_eq!(ids(&search(&index, &r)), vec!["d2"]);
    r.from = None;
    assert_eq!(sorted(ids(&search(&index, &r))), vec!["d1", "d2"]);
    // Facet counts respect the range too.
    assert_eq!(
        counts(&search(&index, &r), "country"),
        pairs(&[("DK", 1), ("NL", 1)])
    );
}

#[test]
fn empty_query_browses_all_by_title_with_paging() {
    let index = index_of(vec![
        c("z")
            .title("beta plan")
            .summary("Summary <b>bold</b> & more."),
        c("y").title("Alpha plan"),
        c("x").title("Gamma plan"),
    ]);
    let r = search(&index, &SearchRequest::new(""));
    assert_eq!(r.total, 3);
    assert_eq!(ids(&r), vec!["y", "z", "x"]);
    assert_eq!(
        r.hits[1].snippet,
        "Summary &lt;b&gt;bold&lt;/b&gt; &amp; more."
    );
    let mut page = SearchRequest::new("   ");
    page.limit = 1;
    page.offset = 1;
    let r = search(&index, &page);
    assert_eq!((r.total, ids(&r)), (3, vec!["z".to_string()]));
    page.offset = 5;
    assert!(search(&index, &page).hits.is_empty());
    // Scored results page too.
    let mut scored = SearchRequest::new("plan ");
    scored.limit = 2;
    let first = search(&index, &scored);
    scored.offset = 2;
    let second = search(&index, &scored);
    assert_eq!(first.total, 3);
    assert_eq!(first.hits.len() + second.hits.len(), 3);
}

#[test]
fn hits_are_complete() {
    let index = index_of(vec![
        c("full")
            .title("Full case")
            .city("Kyoto")
            .country("jp")
            .hazards(&["heat"])
            .sectors(&["energy", "buildings"])
            .measures(&["governance/policy"])
            .programmes(&["dla"])
            .kind(CaseType::Mitigation)
            .started(2021)
            .lang("ja"),
    ]);
    let r = search(&index, &SearchRequest::new("full"));
    let h = &r.hits[0];
    assert_eq!(h.id, "full");
    assert_eq!(h.title, "Full case");
    assert_eq!(h.city, "Kyoto");
    assert_eq!(h.country, "JP");
    assert_eq!(h.lang, "ja");
    assert_eq!(h.hazards, vec!["heat"]);
    assert_eq!(h.sectors, vec!["energy", "buildings"]);
    assert_eq!(h.measures, vec!["governance/policy"]);
    assert_eq!(h.programmes, vec!["dla"]);
    assert_eq!(h.region, "europe");
    assert_eq!(h.case_type, "mitigation");
    assert_eq!(h.status, "ongoing");
    assert_eq!(h.started, Some(2021));
    assert_eq!(h.path, "full.ja.md");
    assert!(h.score > 0.0);
}

#[test]
fn japanese_queries_use_bigrams() {
    let index = index_of(vec![
        c("flood")
            .lang("ja")
            .title("コペンハーゲンの豪雨対策")
            .body("洪水を防ぐために地下トンネルを建設した。"),
        c("heatstroke")
            .lang("ja")
            .title("熱中症対策")
            .body("熱中症の予防。"),
        c("heatwave")
            .lang("ja")
            .title("熱波の記録")
            .body("熱い夏。"),
        c("english")
            .title("Copenhagen cloudburst plan")
            .body("Flood tunnels."),
    ]);
    assert_eq!(q(&index, "洪水"), vec!["flood"]);
    assert_eq!(q(&index, "豪雨対策"), vec!["flood"]);
    assert_eq!(q(&index, "熱中症"), vec!["heatstroke"]);
    assert_eq!(sorted(q(&index, "熱")), vec!["heatstroke", "heatwave"]);
    // Bigrams that do not follow each other do not make a match (対策 + 熱中 ≠ 策熱).
    assert!(q(&index, "策熱").is_empty());
    // Mixed Latin and CJK, AND across scripts.
    assert!(q(&index, "洪水 flood").is_empty());
    assert_eq!(q(&index, "トンネル"), vec!["flood"]);
    // Half-width katakana finds full-width.
    assert_eq!(q(&index, "ﾄﾝﾈﾙ"), vec!["flood"]);
    let r = search(&index, &SearchRequest::new("洪水"));
    assert!(
        r.hits[0].snippet.contains("<mark>洪水</mark>"),
        "{}",
        r.hits[0].snippet
    );
    // A Japanese word in a Latin sentence is still found.
    let index2 = index_of(vec![c("mixed").body("The 洪水 plan of Copenhagen.")]);
    assert_eq!(q(&index2, "洪水 copenhagen"), vec!["mixed"]);
    assert_eq!(q(&index2, "copenhagen 洪水"), vec!["mixed"]);
}

#[test]
fn snippets_escape_and_mark() {
    let index = index_of(vec![
        c("x")
            .summary("Before <script>alert(1)</script> the drainage & pumps.")
            .body("Body without the word."),
        c("y")
            .summary("Summary.")
            .body("A body with `<b>` code & drainage."),
    ]);
    let r = search(&index, &SearchRequest::new("drainage "));
    assert_eq!(
        r.hits[0].snippet,
        "Before &lt;script&gt;alert(1)&lt;/script&gt; the <mark>drainage</mark> &amp; pumps."
    );
    assert_eq!(
        r.hits[1].snippet,
        "A body with &lt;b&gt; code &amp; <mark>drainage</mark>."
    );
    let r = search(&index, &SearchRequest::new("body"));
    assert_eq!(r.hits[0].snippet, "<mark>Body</mark> without the word.");
}

#[test]
fn garbage_queries_never_fail() {
    let index = index_of(vec![c("a").body("Some text here."), c("b").body("More.")]);
    for query in [
        "\"",
        "-",
        "title:",
        "((",
        "AND OR",
        "*",
        "🌊🔥",
        "\"\"",
        "a:b:c",
        "-\"",
        "OR",
        "NOT",
        "title:\"",
        "country:",
        "city:-",
        "+++",
        "]]][[[",
        "\\",
        "'",
        "* * *",
        "text)))",
        "-text -here",
        "ｔｅｘｔ",
        "AND text OR",
        "日本語のクエリ",
        "x y z w v u t s r q",
    ] {
        let r = index.search(
            &SearchRequest::new(query),
            &taxonomy(),
            &Vocabulary::default(),
        );
        assert!(r.is_ok(), "{query:?}: {r:?}");
    }
    // Queries with no word at all browse everything.
    assert_eq!(search(&index, &SearchRequest::new("((")).total, 2);
    assert_eq!(search(&index, &SearchRequest::new("🌊")).total, 2);
    // Full-width Latin is folded.
    assert_eq!(q(&index, "ｔｅｘｔ"), vec!["a"]);
    // Unknown filter facets and blank values are ignored; absurd paging is clamped.
    let mut r = SearchRequest::new("")
        .filter("colour", "red")
        .filter("hazard", " ");
    r.limit = usize::MAX;
    r.offset = usize::MAX;
    let res = search(&index, &r);
    assert_eq!(res.total, 2);
    assert!(res.hits.is_empty());
}

#[test]
fn upsert_replaces_by_path_and_delete_removes() {
    let index = index_of(vec![c("a").body("Old words."), c("b").body("Other.")]);
    assert_eq!(index.num_docs(), 2);
    add(&index, vec![c("a").body("New words.")]);
    assert_eq!(index.num_docs(), 2);
    assert!(q(&index, "old ").is_empty());
    assert_eq!(q(&index, "new "), vec!["a"]);
    index.delete_paths(&["a.md".to_string()]).expect("delete");
    // Not visible before commit.
    assert_eq!(index.num_docs(), 2);
    index.commit().expect("commit");
    assert_eq!(index.num_docs(), 1);
    assert!(q(&index, "new ").is_empty());
    // Facet counts forget deleted documents.
    let r = search(&index, &SearchRequest::new(""));
    assert_eq!(counts(&r, "country"), pairs(&[("DK", 1)]));
}

#[test]
fn reopen_keeps_documents_and_rebuilds_on_version_change_or_corruption() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    {
        let (index, rebuilt) = Index::open(&path).expect("open");
        assert!(rebuilt, "a new index starts empty");
        add(&index, vec![c("a").body("Kept.")]);
    }
    {
        let (index, rebuilt) = Index::open(&path).expect("reopen");
        assert!(!rebuilt);
        assert_eq!(index.num_docs(), 1);
        assert_eq!(q(&index, "kept"), vec!["a"]);
    }
    std::fs::write(path.join(VERSION_FILE), "1\n").expect("write");
    {
        let (index, rebuilt) = Index::open(&path).expect("reopen after version change");
        assert!(rebuilt);
        assert_eq!(index.num_docs(), 0);
        add(&index, vec![c("b").body("Again.")]);
    }
    std::fs::write(path.join("meta.json"), "{ garbage").expect("write");
    {
        let (index, rebuilt) = Index::open(&path).expect("reopen after corruption");
        assert!(rebuilt);
        assert_eq!(index.num_docs(), 0);
        add(&index, vec![c("c").body("Fresh.")]);
        assert_eq!(q(&index, "fresh"), vec!["c"]);
    }
    let (index, rebuilt) = Index::open(&path).expect("final reopen");
    assert!(!rebuilt);
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn related_uses_text_and_facets_and_one_hit_per_case() {
    let index = index_of(vec![
        c("src")
            .title("Cloudburst tunnel")
            .body("Cloudburst tunnel stores stormwater under the city during cloudburst events.")
            .hazards(&["flooding/pluvial"]),
        c("src")
            .lang("ja")
            .title("豪雨トンネル")
            .body("豪雨のためのトンネル。")
            .hazards(&["flooding/pluvial"]),
        c("twin")
            .title("Stormwater tunnel")
            .body("A stormwater tunnel for cloudburst rain.")
            .hazards(&["flooding/pluvial"]),
        c("twin")
            .lang("ja")
            .title("雨水トンネル")
            .body("雨水のトンネル。")
            .hazards(&["flooding/pluvial"]),
        c("facet-only")
            .title("Rain gardens")
            .body("Planting.")
            .hazards(&["flooding/pluvial"]),
        c("unrelated")
            .title("Bike lanes")
            .body("Cycling tunnel.")
            .hazards(&["heat"]),
        c("noise")
            .title("Noise")
            .body("Nothing in common.")
            .sectors(&["energy"])
            .measures(&["governance"]),
    ]);
    let hits = index.related("src", "ja", 10).expect("related");
    let got: Vec<(&str, &str)> = hits
        .iter()
        .map(|h| (h.id.as_str(), h.lang.as_str()))
        .collect();
    assert_eq!(got[0], ("twin", "ja"), "{got:?}");
    assert!(got.iter().all(|(id, _)| *id != "src"), "{got:?}");
    assert!(got.iter().any(|(id, _)| *id == "facet-only"), "{got:?}");
    let mut seen: Vec<&str> = got.iter().map(|(id, _)| *id).collect();
    seen.dedup();
    assert_eq!(seen.len(), got.len());
    assert!(!got.iter().any(|(id, _)| *id == "noise"), "{got:?}");
    let en = index.related("src", "en", 1).expect("related");
    assert_eq!(en.len(), 1);
    assert_eq!((en[0].id.as_str(), en[0].lang.as_str()), ("twin", "en"));
    assert!(matches!(
        index.related("missing", "en", 5),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn words_standing_together_outrank_words_apart() {
    let index = index_of(vec![
        c("apart")
            .title("Island plan")
            .body("Solar panels feed a heat storage tank at the harbour."),
        c("together")
            .title("Greening plan")
            .body("Trees cool the urban heat island in summer."),
    ]);
    let r = search(&index, &SearchRequest::new("heat island"));
    assert_eq!(r.total, 2);
    assert_eq!(ids(&r), vec!["together", "apart"]);
    // Proximity only ranks: a query whose words never stand together still finds both.
    let r = search(&index, &SearchRequest::new("harbour trees"));
    assert_eq!(r.total, 0);
}

#[test]
fn a_japanese_compound_matches_its_words_with_the_exact_compound_first() {
    let index = index_of(vec![
        c("apart")
            .lang("ja")
            .title("木質バイオマスの利用")
            .body("木質バイオマスを燃やす。発電もする。発電の量は多い。発電所。"),
        c("exact")
            .lang("ja")
            .body("町には木質バイオマス発電所がある。"),
        c("one-word").lang("ja").body("木質バイオマスだけ。"),
    ]);
    let vocab = Vocabulary::default();
    let r = index
        .search(
            &SearchRequest::new("木質バイオマス発電"),
            &taxonomy(),
            &vocab,
        )
        .expect("search");
    assert_eq!(ids(&r), vec!["exact", "apart"]);
    // Both words are marked in the snippet of a case that has them apart.
    let apart = r.hits.iter().find(|h| h.id == "apart").expect("apart");
    assert!(
        apart.snippet.contains("<mark>発電</mark>"),
        "{}",
        apart.snippet
    );
}
