//! End-to-end tests: the real app binary driven through tauri-driver + WebKitWebDriver.
//!
//! Run with `cargo test -p casebook-desktop --test webdriver` (under `xvfb-run`, or with no
//! `$DISPLAY` the test starts tauri-driver under `xvfb-run` itself). Each test runs the app on
//! a temporary copy of a small library (`CASEBOOK_CASES`) with a temporary data folder
//! (`CASEBOOK_DATA`), so nothing touches the user's data.
//!
//! The DOM hooks are the `data-testid`s agreed with the UI (see `ui/`): `search-input`,
//! `result-item`, `facet-value` (+ `data-facet`, `data-value`, child `facet-count`),
//! `case-title`, `key-facts`, `sources`, `problems-tab`, `problem-item`, `back-button`,
//! `total-count`.
//!
//! Measurements (keystroke-to-results, write-to-searchable) are printed and appended to
//! `target/e2e-metrics.txt`; they are reported, never asserted.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long to wait for the UI to reach a state; generous because CI machines are slow.
const WAIT: Duration = Duration::from_secs(30);

type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

fn find_tool(name: &str) -> PathBuf {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("`{name}` not found; run scripts/install-deps"))
}

/// A running tauri-driver (and, without a display, the Xvfb it runs in). Dropping it kills
/// the whole process group, so no app or driver outlives a failed test.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(cases: &Path, data: &Path) -> Driver {
        use std::os::unix::process::CommandExt;
        let port = free_port();
        let native_port = free_port();
        let driver = find_tool("tauri-driver");
        let args = [
            "--port".to_string(),
            port.to_string(),
            "--native-port".to_string(),
            native_port.to_string(),
        ];
        let mut cmd = if std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty()) {
            let mut c = Command::new(&driver);
            c.args(&args);
            c
        } else {
            let mut c = Command::new("xvfb-run");
            c.args(["-a", "-s", "-screen 0 1280x800x24"])
                .arg(&driver)
                .args(&args);
            c
        };
        let log = std::fs::File::create(data.join("tauri-driver.log")).expect("driver log");
        let child = cmd
            .env("CASEBOOK_CASES", cases)
            .env("CASEBOOK_DATA", data)
            // Exports land here instead of asking through the system's save dialog.
            .env("CASEBOOK_SAVE_DIR", data.join("exports"))
            // "Open in editor" runs this instead of an editor: it records `path:line`.
            .env(
                "CASEBOOK_EDITOR",
                format!(
                    "sh -c 'printf \"%s:%s\\n\" \"$1\" \"$2\" >> \"$0\"' '{}' {{path}} {{line}}",
                    data.join("editor-calls.txt").display()
                ),
            )
            // One test's app must not forward itself to another test's over D-Bus.
            .env("DBUS_SESSION_BUS_ADDRESS", "disabled:")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log handle"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("tauri-driver starts");
        let driver = Driver { child, port };
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not accept connections on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &pgid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = Command::new("kill").args(["-KILL", "--", &pgid]).status();
        let _ = self.child.wait();
    }
}

/// A temporary library and data folder, and the app running on them.
struct App {
    client: Client,
    cases: PathBuf,
    data: PathBuf,
    _driver: Driver,
    _tmp: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read library") {
        let entry = entry.expect("entry");
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// A valid English case file of the library, used as a template for new cases.
fn template_case(cases: &Path) -> String {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "md")
                && !p.to_string_lossy().ends_with(".ja.md")
                && !p.file_name().is_some_and(|n| {
                    // Not the README, and not the cases this test writes itself.
                    n == "README.md" || n.to_string_lossy().starts_with("e2e-")
                })
            {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(cases, &mut files);
    files.sort();
    let first = files.first().expect("the library has an English case");
    std::fs::read_to_string(first).expect("read case")
}

/// `template` with another id and title and, if given, another body.
fn derive_case(template: &str, id: &str, title: &str, body: Option<&str>) -> String {
    let mut out = String::new();
    let mut fences = 0;
    let mut rest = String::new();
    for line in template.lines() {
        if fences < 2 {
            if line.trim_end() == "---" {
                fences += 1;
            }
            let line = if fences == 1 && line.starts_with("id:") {
                format!("id: {id}")
            } else if fences == 1 && line.starts_with("title:") {
                format!("title: \"{title}\"")
            } else {
                line.to_string()
            };
            out.push_str(&line);
            out.push('\n');
        } else {
            rest.push_str(line);
            rest.push('\n');
        }
    }
    out.push_str(body.unwrap_or(&rest));
    out
}

impl App {
    async fn start(extra: impl FnOnce(&Path)) -> TestResult<App> {
        let tmp = tempfile::tempdir()?;
        let cases = tmp.path().join("cases");
        let data = tmp.path().join("data");
        std::fs::create_dir_all(&data)?;
        let fixture = repo_path("tests/fixtures/valid");
        let source = if let Some(lib) = std::env::var_os("CASEBOOK_E2E_LIBRARY") {
            PathBuf::from(lib)
        } else if fixture.join("taxonomy.yaml").is_file() {
            fixture
        } else {
            repo_path("cases")
        };
        copy_dir(&source, &cases);
        extra(&cases);
        App::launch(cases, data, tmp).await
    }

    /// Runs the app on `cases` and `data` (kept in `tmp`) and connects to it. Also used to
    /// start the app again on the folders of one that was closed.
    async fn launch(cases: PathBuf, data: PathBuf, tmp: tempfile::TempDir) -> TestResult<App> {
        let driver = Driver::start(&cases, &data);
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            // `CASEBOOK_E2E_APP` runs another build of the app (the release build, to time it).
            json!({ "application": std::env::var("CASEBOOK_E2E_APP")
                .unwrap_or_else(|_| env!("CARGO_BIN_EXE_casebook-desktop").to_string()) }),
        );
        // tauri-driver accepts connections before its WebKitWebDriver is ready; until then a
        // new-session request fails at the HTTP level, so retry for a while.
        let url = format!("http://127.0.0.1:{}", driver.port);
        let deadline = Instant::now() + WAIT;
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    eprintln!("waiting for tauri-driver: {e}");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => {
                    let log =
                        std::fs::read_to_string(data.join("tauri-driver.log")).unwrap_or_default();
                    return Err(
                        format!("no WebDriver session: {e}\ntauri-driver log:\n{log}").into(),
                    );
                }
            }
        };
        Ok(App {
            client,
            cases,
            data,
            _driver: driver,
            _tmp: tmp,
        })
    }

    async fn wait_for(&self, testid: &str) -> TestResult<Element> {
        Ok(self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("[data-testid='{testid}']")))
            .await?)
    }

    async fn all(&self, testid: &str) -> TestResult<Vec<Element>> {
        Ok(self
            .client
            .find_all(Locator::Css(&format!("[data-testid='{testid}']")))
            .await?)
    }

    async fn texts(&self, testid: &str) -> TestResult<Vec<String>> {
        let mut out = Vec::new();
        for e in self.all(testid).await? {
            out.push(e.text().await?);
        }
        Ok(out)
    }

    /// Polls `check` until it returns `Some`, or fails with `what` after [`WAIT`].
    async fn until<T, F, Fut>(&self, what: &str, mut check: F) -> TestResult<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = TestResult<Option<T>>>,
    {
        let deadline = Instant::now() + WAIT;
        loop {
            // A transient WebDriver error (element replaced by a re-render) is retried.
            if let Ok(Some(v)) = check().await {
                return Ok(v);
            }
            if Instant::now() > deadline {
                let shot = self.data.join("failure.png");
                if let Ok(png) = self.client.screenshot().await {
                    let _ = std::fs::write(&shot, png);
                    // The data folder is a temporary one: keep a copy where it survives.
                    let _ = std::fs::copy(&shot, repo_path("target/e2e-failure.png"));
                }
                return Err(format!(
                    "timed out waiting for {what} (screenshot: {})",
                    shot.display()
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the first element matching `css`, retrying while the UI re-renders (a stale
    /// element reference is normal right after a search updates the list).
    async fn click(&self, css: &str) -> TestResult {
        self.until(&format!("a clickable `{css}`"), || async {
            let e = self.client.find(Locator::Css(css)).await?;
            // WebKit's driver does not scroll an element below the fold into view before a
            // click, so a long results list would hide it: scroll as a user would.
            let arg = serde_json::to_value(&e)?;
            self.client
                .execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg])
                .await?;
            e.click().await?;
            Ok(Some(()))
        })
        .await
    }

    /// Searches `query` and adds its first `n` distinct results, in order, through their stars
    /// to a new collection `name` (the screenshot scenes start from this).
    async fn collect_from_search(&self, query: &str, n: usize, name: &str) -> TestResult {
        self.wait_for("search-input").await?;
        self.type_query(query).await?;
        self.until("results", || async {
            Ok((self.all("result-item").await?.len() >= n).then_some(()))
        })
        .await?;
        let mut ids: Vec<String> = Vec::new();
        for e in self.all("result-item").await? {
            let id = e.attr("data-id").await?.unwrap_or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        for (i, id) in ids.iter().take(n).enumerate() {
            self.click(&format!(
                "[data-testid='result-item'][data-id='{id}'] [data-testid='result-add']"
            ))
            .await?;
            self.wait_for("add-dialog").await?;
            if i == 0 {
                self.wait_for("add-new-name").await?.send_keys(name).await?;
                self.click("[data-testid='add-new-create']").await?;
            } else {
                self.click("[data-testid='add-target']").await?;
            }
            // The dialog closes and the star updates before the next click.
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        Ok(())
    }

    /// [`App::facet_counts`], retried while the facet panel re-renders.
    async fn stable_facet_counts(&self) -> TestResult<BTreeMap<(String, String), u64>> {
        self.until("the facet counts", || async {
            let c = self.facet_counts().await?;
            Ok((!c.is_empty()).then_some(c))
        })
        .await
    }

    /// Replaces the search box's text with `query` as a user would (select all, type).
    async fn type_query(&self, query: &str) -> TestResult {
        let input = self.wait_for("search-input").await?;
        input.clear().await?;
        // WebDriver's clear fires no `input` event, and an empty send_keys is an error: type a
        // space and delete it so the UI sees the box become empty.
        let keys = if query.is_empty() {
            " \u{E003}".to_string()
        } else {
            query.to_string()
        };
        input.send_keys(&keys).await?;
        Ok(())
    }

    /// Total shown in `total-count`, as the first number in its text.
    async fn total(&self) -> TestResult<Option<u64>> {
        let Ok(e) = self
            .client
            .find(Locator::Css("[data-testid='total-count']"))
            .await
        else {
            return Ok(None);
        };
        let text = e.text().await?;
        let digits: String = text
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .filter(|c| c.is_ascii_digit())
            .collect();
        Ok(digits.parse().ok())
    }

    /// Every facet value on screen: (facet, value) -> count.
    async fn facet_counts(&self) -> TestResult<BTreeMap<(String, String), u64>> {
        let mut out = BTreeMap::new();
        for e in self.all("facet-value").await? {
            let facet = e.attr("data-facet").await?.unwrap_or_default();
            let value = e.attr("data-value").await?.unwrap_or_default();
            let count = match e.find(Locator::Css("[data-testid='facet-count']")).await {
                Ok(c) => c.text().await?.trim().replace(',', "").parse().unwrap_or(0),
                Err(_) => 0,
            };
            out.insert((facet, value), count);
        }
        Ok(out)
    }

    /// Closes the session (which exits the app); the driver is killed on drop either way.
    async fn close(self) -> TestResult {
        self.client.close().await?;
        Ok(())
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}

fn report_metric(line: &str) {
    eprintln!("METRIC {line}");
    let path = repo_path("target/e2e-metrics.txt");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        use std::io::Write;
        let _ = writeln!(f, "{line}");
    }
}

/// In-page timing of one search: sets the box's value and fires `input` like a keystroke,
/// then resolves when the result list or the total changes (or -1 after 10 s).
const MEASURE_JS: &str = r#"
const [q, done] = arguments;
const sig = () => {
  const t = document.querySelector('[data-testid="total-count"]');
  const items = [...document.querySelectorAll('[data-testid="result-item"]')].map(e => e.textContent);
  return (t ? t.textContent : '') + '|' + items.join('|');
};
const input = document.querySelector('[data-testid="search-input"]');
const before = sig();
const t0 = performance.now();
const obs = new MutationObserver(() => {
  if (sig() !== before) { obs.disconnect(); done(performance.now() - t0); }
});
obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
setter.call(input, q);
input.dispatchEvent(new Event('input', { bubbles: true }));
setTimeout(() => { obs.disconnect(); done(-1); }, 10000);
"#;

const HOSTILE_BODY: &str = r#"## Context

<script>window.__pwned = 'script'; alert('script ran');</script>

<img src="x" onerror="window.__pwned = 'onerror'; alert('onerror ran')">

[a hostile link](javascript:window.__pwned='link';alert('link'))

<a href="javascript:alert(1)" id="evil">raw evil anchor</a>

<iframe src="https://example.org"></iframe>

![pixel](e2e-img/pixel.png)

![svg image](e2e-img/evil.svg)

## What was done

Hostilecasemarker text so the case can be found.
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_facets_case_problems_and_live_reindex() -> TestResult {
    let app = App::start(|cases| {
        let template = template_case(cases);
        std::fs::write(
            cases.join("e2e-hostile-case.md"),
            derive_case(
                &template,
                "e2e-hostile-case",
                "Hostile case <script>alert(9)</script>",
                Some(HOSTILE_BODY),
            ),
        )
        .expect("write hostile case");
        // An image for the casebook: protocol, and an SVG it must refuse to serve.
        std::fs::create_dir_all(cases.join("e2e-img")).expect("mkdir");
        std::fs::copy(
            repo_path("icons/32x32.png"),
            cases.join("e2e-img/pixel.png"),
        )
        .expect("copy image");
        std::fs::write(
            cases.join("e2e-img/evil.svg"),
            "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)' width='10' height='10'/>",
        )
        .expect("write svg");
        std::fs::write(
            cases.join("e2e-broken-case.md"),
            "---\nid: e2e-broken-case\ntitle: Broken\nhazards: [no-such-hazard]\n---\nbody\n",
        )
        .expect("write broken case");
    })
    .await?;
    let result = scenario(&app).await;
    if result.is_err() {
        let log = std::fs::read_to_string(app.data.join("tauri-driver.log")).unwrap_or_default();
        eprintln!("--- tauri-driver / app log ---\n{log}");
    }
    if result.is_err()
        && let Ok(png) = app.client.screenshot().await
    {
        let _ = std::fs::write(app.data.join("failure.png"), png);
        let _ = std::fs::copy(
            app.data.join("failure.png"),
            repo_path("target/e2e-failure.png"),
        );
    }
    let closed = app.close().await;
    result?;
    closed
}

async fn scenario(app: &App) -> TestResult {
    // --- Browse all: the library is indexed in the background and shows up. ---------------
    app.wait_for("search-input").await?;
    let total_all = app
        .until("the browse-all list", || async {
            let n = app.all("result-item").await?.len();
            Ok(if n > 0 { app.total().await? } else { None })
        })
        .await?;
    assert!(
        total_all >= 3,
        "library should have several cases, shows {total_all}"
    );

    // --- Typing a query shows matching results. ---------------------------------------------
    let titles = app.texts("result-item").await?;
    let probe = titles
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_lowercase)
        .next()
        .ok_or("no English word of 6+ letters in the visible titles")?;
    app.type_query(&probe).await?;
    let found = app
        .until(&format!("results for `{probe}`"), || async {
            let texts = app.texts("result-item").await?;
            let total = app.total().await?;
            let ok = !texts.is_empty()
                && total.is_some_and(|t| t < total_all)
                && texts.iter().any(|t| t.to_lowercase().contains(&probe));
            Ok(ok.then_some(texts))
        })
        .await?;
    assert!(!found.is_empty());

    // --- Keystroke-to-results latency, in the page. -----------------------------------------
    let mut samples = Vec::new();
    for q in [
        probe.as_str(),
        "",
        "water",
        "",
        "energy",
        "",
        "heat",
        "",
        "city",
        "",
    ] {
        let v = app.client.execute_async(MEASURE_JS, vec![json!(q)]).await?;
        if let Some(ms) = v.as_f64().filter(|ms| *ms >= 0.0) {
            samples.push(ms);
        }
    }
    report_metric(&format!(
        "keystroke_to_results_ms median={:.1} n={} samples={:?}",
        median(&mut samples.clone()),
        samples.len(),
        samples.iter().map(|s| s.round()).collect::<Vec<_>>()
    ));

    // --- A facet value changes the results and the other facets' counts. -----------------
    app.type_query("").await?;
    app.until("browse-all again", || async {
        Ok(app.total().await?.filter(|t| *t == total_all))
    })
    .await?;
    let before = app.stable_facet_counts().await?;
    let (facet, value) = before
        .iter()
        .find(|((f, _), c)| f == "hazard" && **c > 0 && **c < total_all)
        .or_else(|| before.iter().find(|(_, c)| **c > 0 && **c < total_all))
        .map(|(k, _)| k.clone())
        .ok_or("no facet value that narrows the results")?;
    let facet_css =
        format!("[data-testid='facet-value'][data-facet='{facet}'][data-value='{value}']");
    app.click(&facet_css).await?;
    let expected = before[&(facet.clone(), value.clone())];
    app.until(
        &format!("total {expected} after selecting {facet}={value}"),
        || async { Ok(app.total().await?.filter(|t| *t == expected)) },
    )
    .await?;
    let after = app.stable_facet_counts().await?;
    let other_changed = before
        .iter()
        .any(|(k, c)| k.0 != facet && after.get(k).is_some_and(|a| a != c));
    assert!(
        other_changed,
        "selecting {facet}={value} should change other facets' counts"
    );
    // Deselect again.
    app.click(&facet_css).await?;
    app.until("browse-all after deselecting", || async {
        Ok(app.total().await?.filter(|t| *t == total_all))
    })
    .await?;

    // --- Opening a case shows its title, key facts and sources. ------------------------------
    app.type_query(&probe).await?;
    let first_text = app
        .until("a result to open", || async {
            let total = app.total().await?;
            let texts = app.texts("result-item").await?;
            Ok(if total.is_some_and(|t| t < total_all) {
                texts.into_iter().next()
            } else {
                None
            })
        })
        .await?;
    app.click("[data-testid='result-item']").await?;
    let title = app.wait_for("case-title").await?.text().await?;
    assert!(!title.trim().is_empty());
    assert!(
        first_text.contains(title.trim()),
        "opened case `{title}` should be the clicked result `{first_text}`"
    );
    let facts = app.wait_for("key-facts").await?.text().await?;
    assert!(!facts.trim().is_empty(), "key facts are shown");
    let sources = app.wait_for("sources").await?;
    let links = sources.find_all(Locator::Css("a")).await?;
    assert!(!links.is_empty(), "sources are listed as links");
    app.click("[data-testid='back-button']").await?;
    app.wait_for("search-input").await?;

    // --- The hostile case opens with no script run and no dialog. --------------------------
    app.type_query("hostilecasemarker").await?;
    app.until("the hostile case in the results", || async {
        let texts = app.texts("result-item").await?;
        Ok(texts
            .iter()
            .any(|t| t.contains("Hostile case"))
            .then_some(()))
    })
    .await?;
    app.click("[data-testid='result-item']").await?;
    let hostile_title = app.wait_for("case-title").await?.text().await?;
    assert!(
        hostile_title.contains("<script>"),
        "the title's markup is shown as text: {hostile_title}"
    );
    // Give any injected handler (img onerror) time to fire before checking.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(
        app.client.get_alert_text().await.is_err(),
        "no alert dialog may be open"
    );
    let pwned = app
        .client
        .execute(
            "return window.__pwned === undefined ? null : String(window.__pwned);",
            vec![],
        )
        .await?;
    assert_eq!(pwned, Value::Null, "hostile script ran: {pwned}");
    let dangerous = app
        .client
        .execute(
            "return document.body.querySelectorAll(\
             'script, [onerror], [onload], [onclick], iframe, object, embed, a[href^=\"javascript:\" i]').length;",
            vec![],
        )
        .await?;
    assert_eq!(
        dangerous,
        json!(0),
        "no executable markup from the case in the DOM"
    );
    // Case images load through the casebook: protocol (and the CSP allows them); SVG is
    // refused by the protocol.
    let widths = app
        .until("the case images to load", || async {
            let v = app
                .client
                .execute(
                    "const imgs = [...document.querySelectorAll('img')]; \
                     const px = imgs.find(i => i.getAttribute('alt') === 'pixel'); \
                     const svg = imgs.find(i => i.getAttribute('alt') === 'svg image'); \
                     if (!px || !px.complete || (svg && !svg.complete)) return null; \
                     return [px.naturalWidth, svg ? svg.naturalWidth : 0, px.src];",
                    vec![],
                )
                .await?;
            Ok((!v.is_null()).then_some(v))
        })
        .await?;
    assert_eq!(widths[0], json!(32), "the PNG is served: {widths}");
    assert_eq!(widths[1], json!(0), "the SVG is not served: {widths}");
    assert!(
        widths[2]
            .as_str()
            .is_some_and(|s| s.starts_with("casebook://")),
        "{widths}"
    );
    // Clicking the hostile link must not navigate away from the app.
    if let Ok(link) = app.client.find(Locator::LinkText("a hostile link")).await {
        let _ = link.click().await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = app.client.dismiss_alert().await;
    }
    let url = app.client.current_url().await?;
    assert!(
        url.scheme() == "tauri" || url.host_str() == Some("tauri.localhost"),
        "still on the app page: {url}"
    );
    app.click("[data-testid='back-button']").await?;

    // --- A broken file appears in the Problems view. -------------------------------------------
    app.click("[data-testid='problems-tab']").await?;
    app.until("the broken file in Problems", || async {
        let texts = app.texts("problem-item").await?;
        Ok(texts
            .iter()
            .any(|t| t.contains("e2e-broken-case.md"))
            .then_some(()))
    })
    .await?;
    if let Ok(back) = app
        .client
        .find(Locator::Css("[data-testid='back-button']"))
        .await
    {
        let _ = back.click().await;
    }

    // --- A new file written while the app runs becomes findable. ----------------------------
    let template = template_case(&app.cases);
    app.type_query("zyxwvlivecase").await?;
    app.until("the empty result for the new word", || async {
        Ok(app.total().await?.filter(|t| *t == 0))
    })
    .await?;
    let written = Instant::now();
    let body = "## Context\n\nZyxwvlivecase: written while the app runs.\n";
    // Written as editors do: a temp file renamed over the final name.
    let tmp = app.cases.join("e2e-live-case.md.tmp");
    std::fs::write(
        &tmp,
        derive_case(
            &template,
            "e2e-live-case",
            "Live zyxwvlivecase harbour",
            Some(body),
        ),
    )?;
    std::fs::rename(&tmp, app.cases.join("e2e-live-case.md"))?;
    app.until("the new case to become searchable", || async {
        let texts = app.texts("result-item").await?;
        Ok(texts
            .iter()
            .any(|t| t.to_lowercase().contains("zyxwvlivecase"))
            .then_some(()))
    })
    .await?;
    report_metric(&format!(
        "write_to_searchable_ms {:.0} (includes WebDriver polling, 50 ms)",
        written.elapsed().as_secs_f64() * 1000.0
    ));
    Ok(())
}

/// Not a test of behaviour: `scripts/screenshots` runs it (`--ignored`) to save the README's
/// screenshots of the real app into `$CASEBOOK_SCREENSHOTS` (default docs/screenshots).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by scripts/screenshots"]
async fn screenshots() -> TestResult {
    let out = std::env::var_os("CASEBOOK_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_path("docs/screenshots"));
    std::fs::create_dir_all(&out)?;
    let query = std::env::var("CASEBOOK_SCREENSHOT_QUERY").unwrap_or_else(|_| "flood".into());
    let app = App::start(|_| {}).await?;
    let result = async {
        app.wait_for("search-input").await?;
        // A common laptop screen.
        app.client.set_window_size(1366, 768).await?;
        app.until("results", || async {
            Ok((!app.all("result-item").await?.is_empty()).then_some(()))
        })
        .await?;
        app.type_query(&query).await?;
        let total_q = app
            .until("query results", || async {
                let n = app.all("result-item").await?.len();
                Ok(if n > 0 { app.total().await? } else { None })
            })
            .await?;
        // Select the facet value that keeps most of the results (a readable screenshot).
        let counts = app.stable_facet_counts().await?;
        if let Some(((facet, value), _)) = counts
            .iter()
            .filter(|((f, _), c)| f == "sector" && **c > 0 && **c < total_q)
            .max_by_key(|(_, c)| **c)
            .or_else(|| {
                counts
                    .iter()
                    .filter(|(_, c)| **c > 0)
                    .max_by_key(|(_, c)| **c)
            })
        {
            app.click(&format!(
                "[data-testid='facet-value'][data-facet='{facet}'][data-value='{value}']"
            ))
            .await?;
        }
        tokio::time::sleep(Duration::from_millis(800)).await;
        std::fs::write(out.join("search.png"), app.client.screenshot().await?)?;

        app.click("[data-testid='result-item']").await?;
        app.wait_for("case-title").await?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        std::fs::write(out.join("case.png"), app.client.screenshot().await?)?;

        // The same in Japanese.
        app.click(".segmented button[lang='ja']").await?;
        app.click("[data-testid='back-button']").await?;
        let query_ja =
            std::env::var("CASEBOOK_SCREENSHOT_QUERY_JA").unwrap_or_else(|_| "洪水".into());
        app.type_query(&query_ja).await?;
        // Close the suggestions, which would cover the list.
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.wait_for("search-input")
            .await?
            .send_keys("\u{E00C}")
            .await?;
        app.until("Japanese results", || async {
            Ok((!app.all("result-item").await?.is_empty()).then_some(()))
        })
        .await?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        std::fs::write(out.join("search-ja.png"), app.client.screenshot().await?)?;
        app.click("[data-testid='result-item']").await?;
        app.wait_for("case-title").await?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        std::fs::write(out.join("case-ja.png"), app.client.screenshot().await?)?;
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    result?;
    closed
}

#[path = "webdriver/explore.rs"]
mod explore;
#[path = "webdriver/present.rs"]
mod present;
#[path = "webdriver/speed.rs"]
mod speed;
#[path = "webdriver/ux.rs"]
mod ux;
#[path = "webdriver/workshop.rs"]
mod workshop;
