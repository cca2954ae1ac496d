//! The PDF handout of a collection, typeset offline with typst (which breaks Japanese lines
//! correctly). The layout is a fixed template (`handout.typ`); the collection and its cases
//! reach it only as a JSON data file, so no user string is ever evaluated as typst markup.
//! Fonts come from the system: a Latin sans-serif and, for Japanese, Noto Sans CJK
//! (`fonts-noto-cjk`).

use super::CollectionSummary;
#[cfg(test)]
use super::compare::group_digits;
use super::compare::{compare_records, fact_names, fact_values, list_separator};
use super::export::{CaseRecord, Options};
use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::markdown::Block;
use serde::Serialize;
use std::sync::{LazyLock, OnceLock};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// The layout of the handout.
const TEMPLATE: &str = include_str!("handout.typ");
/// Cases per comparison table (more columns would not fit an A4 page).
const COMPARE_COLUMNS: usize = 4;
/// Latin fonts, best first.
const LATIN_FONTS: &[&str] = &[
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
    "Arial",
    "Helvetica",
];
/// Japanese fonts, best first.
const CJK_FONTS: &[&str] = &[
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Source Han Sans JP",
    "IPAexGothic",
    "IPAGothic",
    "Yu Gothic",
    "Hiragino Sans",
    "Noto Serif CJK JP",
];
/// What to install when a font is missing.
const FONT_HINT: &str = "install the `fonts-noto-cjk` package (Debian/Ubuntu: `sudo apt-get install fonts-noto-cjk`; elsewhere, Noto Sans CJK JP)";

/// The system fonts, scanned once per process (a few hundred milliseconds).
fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        store.extend(typst_kit::fonts::system());
        store
    })
}

/// The typst standard library, built once.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Whether `text` has characters only a CJK font draws.
fn needs_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
    })
}

/// The font families the handout asks for, in order: Japanese first for a Japanese handout.
/// Fails, naming the package to install, when no font can draw the text.
pub fn choose_fonts(book: &FontBook, lang: &str, cjk_needed: bool) -> Result<Vec<String>> {
    let has = |f: &&&str| book.contains_family(&f.to_lowercase());
    let latin = LATIN_FONTS.iter().find(has).map(|f| f.to_string());
    let cjk = CJK_FONTS
        .iter()
        .find(has)
        .map(|f| f.to_string())
        .or_else(|| {
            // Any family that draws kana and kanji will do.
            book.families().find_map(|(name, mut ids)| {
                ids.any(|i| {
                    book.info(i).is_some_and(|info| {
                        info.coverage.contains('あ' as u32) && info.coverage.contains('漢' as u32)
                    })
                })
                .then(|| name.to_string())
            })
        });
    if cjk_needed && cjk.is_none() {
        return Err(Error::Export(format!(
            "no Japanese font found for the PDF handout: {FONT_HINT}"
        )));
    }
    let fonts: Vec<String> = if lang == "ja" {
        cjk.into_iter().chain(latin).collect()
    } else {
        latin.into_iter().chain(cjk).collect()
    };
    if fonts.is_empty() {
        return Err(Error::Export(format!(
            "no font found for the PDF handout: {FONT_HINT}"
        )));
    }
    Ok(fonts)
}

/// Texts of the template in one language.
#[derive(Serialize)]
struct Labels {
    handout: &'static str,
    cases: &'static str,
    missing: &'static str,
    summary: &'static str,
    outcomes: &'static str,
    outcome_columns: [&'static str; 4],
    sources: &'static str,
    comparison: &'static str,
}

fn labels(lang: &str) -> Labels {
    if lang == "ja" {
        Labels {
            handout: "Casebook ハンドアウト",
            cases: "事例",
            missing: "この事例はこのライブラリにありません",
            summary: "概要",
            outcomes: "成果",
            outcome_columns: ["指標", "値", "単位", "年"],
            sources: "出典",
            comparison: "比較",
        }
    } else {
        Labels {
            handout: "Casebook handout",
            cases: "Cases",
            missing: "This case is not in this library",
            summary: "Summary",
            outcomes: "Outcomes",
            outcome_columns: ["Metric", "Value", "Unit", "Year"],
            sources: "Sources",
            comparison: "Comparison",
        }
    }
}

#[derive(Serialize)]
struct HandoutSource {
    title: String,
    url: String,
    /// Whether the URL is a web address a PDF reader may open.
    link: bool,
}

#[derive(Serialize)]
struct HandoutCase {
    id: String,
    title: String,
    place: String,
    missing: bool,
    facts: Vec<[String; 2]>,
    summary: String,
    outcomes: Vec<[String; 4]>,
    blocks: Vec<Block>,
    sources: Vec<HandoutSource>,
}

#[derive(Serialize)]
struct CompareTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Serialize)]
struct HandoutData {
    lang: String,
    fonts: Vec<String>,
    title: String,
    description: String,
    date: String,
    labels: Labels,
    /// Whether each case gets its own page(s).
    case_pages: bool,
    cases: Vec<HandoutCase>,
    compare: Vec<CompareTable>,
}

/// The handout of collection `c` with its `records`, as PDF bytes.
pub(crate) fn handout(
    engine: &Engine,
    c: &CollectionSummary,
    records: &[CaseRecord],
    options: &Options,
) -> Result<Vec<u8>> {
    let lang = options.lang.as_str();
    let mut bodies = Vec::with_capacity(records.len());
    for r in records {
        bodies.push(if r.missing {
            String::new()
        } else {
            engine.case_body(&r.id, lang)?
        });
    }
    let page = Page {
        title: &c.name,
        description: &c.description,
        case_pages: true,
    };
    render(page, records, &bodies, options)
}

/// What a PDF shows besides its cases: the title and description of the cover, and whether
/// each case gets its own page (a comparison on its own leaves them out).
pub(crate) struct Page<'a> {
    /// Title on the cover and in the footer.
    pub title: &'a str,
    /// Text under the title.
    pub description: &'a str,
    /// Whether each case gets its own page(s).
    pub case_pages: bool,
}

/// Typesets `records` with their markdown `bodies` into a PDF.
pub(crate) fn render(
    page: Page<'_>,
    records: &[CaseRecord],
    bodies: &[String],
    options: &Options,
) -> Result<Vec<u8>> {
    let lang = options.lang.as_str();
    let names = fact_names(lang);
    let mut cases = Vec::with_capacity(records.len());
    for (r, body) in records.iter().zip(bodies) {
        let values = fact_values(r, lang);
        let facts = names
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.is_empty())
            .skip(2) // city and country are the subtitle
            .map(|(n, v)| [n.to_string(), v])
            .collect();
        let blocks = if r.missing || !page.case_pages {
            Vec::new()
        } else {
            crate::markdown::blocks(body)
        };
        cases.push(HandoutCase {
            id: r.id.clone(),
            title: r.title.clone(),
            place: [r.city.as_str(), r.country_name.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(list_separator(lang)),
            missing: r.missing,
            facts,
            summary: r.summary.clone(),
            outcomes: r
                .outcomes
                .iter()
                .map(|o| {
                    [
                        o.metric.clone(),
                        o.value.to_string(),
                        o.unit.clone().unwrap_or_default(),
                        o.year.to_string(),
                    ]
                })
                .collect(),
            blocks,
            sources: r
                .sources
                .iter()
                .map(|s| HandoutSource {
                    title: s.title.clone(),
                    url: s.url.clone(),
                    link: s.url.starts_with("https://") || s.url.starts_with("http://"),
                })
                .collect(),
        });
    }
    let compare = if options.compare {
        records
            .chunks(COMPARE_COLUMNS)
            .zip(bodies.chunks(COMPARE_COLUMNS))
            .map(|(chunk, texts)| compare_table(chunk, texts, lang))
            .collect()
    } else {
        Vec::new()
    };
    let mut data = HandoutData {
        lang: lang.to_string(),
        fonts: Vec::new(),
        title: page.title.to_string(),
        description: page.description.to_string(),
        case_pages: page.case_pages,
        date: crate::engine::today(),
        labels: labels(lang),
        cases,
        compare,
    };
    let probe = serde_json::to_string(&data).map_err(|e| Error::Export(e.to_string()))?;
    let trace = Trace::new();
    data.fonts = choose_fonts(fonts().book(), lang, needs_cjk(&probe))?;
    trace.phase("fonts scanned");
    let json = serde_json::to_vec(&data).map_err(|e| Error::Export(e.to_string()))?;
    typeset(json, &trace)
}

/// `CASEBOOK_TRACE=1` prints the time of each phase of the handout (for profiling).
struct Trace(Option<std::time::Instant>);

impl Trace {
    fn new() -> Trace {
        Trace(std::env::var_os("CASEBOOK_TRACE").map(|_| std::time::Instant::now()))
    }

    fn phase(&self, what: &str) {
        if let Some(t0) = self.0 {
            eprintln!("trace: handout {what} at {:?}", t0.elapsed());
        }
    }
}

/// One comparison table (up to [`COMPARE_COLUMNS`] cases), the same rows as the app's.
fn compare_table(chunk: &[CaseRecord], bodies: &[String], lang: &str) -> CompareTable {
    let cmp = compare_records(chunk, bodies, lang);
    let mut header = vec![String::new()];
    header.extend(cmp.cases.into_iter().map(|c| c.title));
    let rows = cmp
        .rows
        .into_iter()
        .map(|r| {
            let mut row = vec![r.label];
            row.extend(r.values);
            row
        })
        .collect();
    CompareTable { header, rows }
}

/// Compiles the template with `data` (the JSON file it reads) into PDF bytes.
fn typeset(data: Vec<u8>, trace: &Trace) -> Result<Vec<u8>> {
    let world = HandoutWorld::new(data)?;
    let document = typst::compile::<typst_layout::PagedDocument>(&world)
        .output
        .map_err(|diags| {
            let msgs: Vec<String> = diags.iter().map(|d| d.message.to_string()).collect();
            Error::Export(format!(
                "typesetting the handout failed: {}",
                msgs.join("; ")
            ))
        })?;
    trace.phase("typeset");
    let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|diags| {
        let msgs: Vec<String> = diags.iter().map(|d| d.message.to_string()).collect();
        Error::Export(format!("writing the PDF failed: {}", msgs.join("; ")))
    })?;
    trace.phase("written");
    // typst memoizes across compilations; a handout is made rarely, so free that memory
    // instead of keeping it for the life of the app.
    typst::comemo::evict(0);
    Ok(pdf)
}

/// The files typst sees: the template and its data, nothing from the disk.
struct HandoutWorld {
    main: FileId,
    data_id: FileId,
    source: Source,
    data: Bytes,
}

fn file_id(path: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(path)
        .map_err(|e| Error::Export(format!("internal: bad template path {path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl HandoutWorld {
    fn new(data: Vec<u8>) -> Result<Self> {
        let main = file_id("/handout.typ")?;
        Ok(HandoutWorld {
            main,
            data_id: file_id("/data.json")?,
            source: Source::new(main, TEMPLATE.to_string()),
            data: Bytes::new(data),
        })
    }
}

impl World for HandoutWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main {
            Ok(Bytes::from_string(TEMPLATE))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_text_without_a_japanese_font_names_the_package() {
        let empty = FontBook::new();
        let err = choose_fonts(&empty, "en", true).expect_err("no fonts");
        assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
        let err = choose_fonts(&empty, "en", false).expect_err("no fonts");
        assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
    }

    #[test]
    fn cjk_is_detected() {
        assert!(needs_cjk("コペンハーゲン"));
        assert!(needs_cjk("雨水"));
        assert!(!needs_cjk("Copenhagen – “quotes” é"));
    }

    #[test]
    fn digits_are_grouped() {
        assert_eq!(group_digits(660_000), "660,000");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1_000), "1,000");
    }
}
