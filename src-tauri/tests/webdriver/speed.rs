//! The app's own speed, measured in the running app: keystroke to painted results (with the
//! phases the page marks: request sent, answer received, list changed in the DOM, painted), the
//! window shown and the first results after launch (on a first index and on a second launch
//! on the same data folder), and the whole app's resident memory (the app process and the
//! WebKit processes it starts). Figures are METRIC lines in `target/e2e-metrics.txt`, never
//! asserted: run it with the release build (`CASEBOOK_E2E_APP=target/release/casebook-desktop`)
//! for the figures in BENCHMARKS.md; `CASEBOOK_E2E_LIBRARY` times another library (a generated
//! one) instead of the bundled `cases/`.

use super::{App, TestResult, copy_dir, median, repo_path, report_metric};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// A first index of a large generated library takes far longer than the other tests wait.
const STARTUP_WAIT: Duration = Duration::from_secs(300);

/// Replaces the test library with the bundled cases unless `CASEBOOK_E2E_LIBRARY` names one.
fn library(cases: &Path) {
    if std::env::var_os("CASEBOOK_E2E_LIBRARY").is_some() {
        return;
    }
    std::fs::remove_dir_all(cases).expect("clear the test library");
    copy_dir(&repo_path("cases"), cases);
}

/// Which build is timed, for the METRIC lines.
fn build() -> &'static str {
    if std::env::var_os("CASEBOOK_E2E_APP").is_some() {
        "given build"
    } else {
        "debug build"
    }
}

/// Which library is timed, for the METRIC lines.
fn library_name() -> String {
    std::env::var("CASEBOOK_E2E_LIBRARY").unwrap_or_else(|_| "bundled".into())
}

/// One process of `/proc`: (pid, parent pid, command name, start time in clock ticks).
fn processes() -> Vec<(u32, u32, String, u64)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // `pid (comm) state ppid …`: the name may hold spaces and parentheses.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let comm = stat[open + 1..close].to_string();
        let rest: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        // After the name: field 3 (state) is rest[0], so field N is rest[N - 3].
        let ppid = rest.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let start = rest.get(19).and_then(|s| s.parse().ok()).unwrap_or(0);
        out.push((pid, ppid, comm, start));
    }
    out
}

/// `root` and every process below it.
fn descendants(root: u32, all: &[(u32, u32, String, u64)]) -> Vec<u32> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        out.extend(all.iter().filter(|p| p.1 == parent).map(|p| p.0));
        i += 1;
    }
    out
}

/// The app's process under the driver (its command name is cut to 15 bytes by the kernel).
fn app_pid(driver: u32) -> Option<u32> {
    let all = processes();
    let tree = descendants(driver, &all);
    all.iter()
        .filter(|p| tree.contains(&p.0) && "casebook-desktop".starts_with(p.2.as_str()))
        .filter(|p| p.2.len() >= 8)
        .map(|p| p.0)
        .min()
}

/// Milliseconds since process `pid` started (to the kernel's clock tick, usually 10 ms).
fn process_age_ms(pid: u32) -> Option<f64> {
    let all = processes();
    let start = all.iter().find(|p| p.0 == pid)?.3;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let ticks: f64 = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0);
    Some(uptime * 1000.0 - start as f64 * 1000.0 / ticks)
}

/// A `/proc/<pid>/<file>` field in kB (`VmRSS:` in `status`, `Pss:` in `smaps_rollup`).
fn kb(pid: u32, file: &str, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Resident memory of the app and every process it started: the sum of `VmRSS` (shared pages
/// counted in each process) and of `Pss` (shared pages split between them), in MB, and the
/// processes by name.
fn app_memory(app: u32) -> (f64, f64, String) {
    let all = processes();
    let mut names: BTreeMap<String, u64> = BTreeMap::new();
    let (mut rss, mut pss) = (0, 0);
    for pid in descendants(app, &all) {
        let r = kb(pid, "status", "VmRSS:");
        rss += r;
        pss += kb(pid, "smaps_rollup", "Pss:");
        if let Some(p) = all.iter().find(|p| p.0 == pid) {
            *names.entry(p.2.clone()).or_default() += r;
        }
    }
    let names = names
        .iter()
        .map(|(n, r)| format!("{n}={}MB", r / 1024))
        .collect::<Vec<_>>()
        .join(",");
    (rss as f64 / 1024.0, pss as f64 / 1024.0, names)
}

/// The page's clock and marks: `performance.now()`, the first contentful paint and the first
/// results (`ui/src/perf.ts`), or null for what the page has not (yet) recorded.
const MARKS_JS: &str = r#"
const at = (list) => (list.length ? list[0].startTime : null);
return {
  now: performance.now(),
  fcp: at(performance.getEntriesByName('first-contentful-paint')),
  firstResults: at(performance.getEntriesByName('casebook:first-results')),
};
"#;

/// Times one launch: waits for the first results, then reports (from the app process's start,
/// read in `/proc`) when the page painted first (the window is up with content) and when the
/// first results were applied. `what` names the launch in the METRIC line.
async fn time_launch(app: &App, what: &str, session: Duration) -> TestResult<u32> {
    let pid = app_pid(app._driver.child.id()).ok_or("the app's process was not found")?;
    let deadline = Instant::now() + STARTUP_WAIT;
    let marks = loop {
        let before = process_age_ms(pid).ok_or("the app's process is gone")?;
        let m = app.client.execute(MARKS_JS, vec![]).await?;
        let after = process_age_ms(pid).ok_or("the app's process is gone")?;
        if m["firstResults"].is_number() {
            break (m, (before + after) / 2.0);
        }
        assert!(
            Instant::now() < deadline,
            "no results after {STARTUP_WAIT:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let (m, age) = marks;
    // Where the page's clock starts (navigation), in the app process's time.
    let origin = age - m["now"].as_f64().unwrap_or(0.0);
    let shown = m["fcp"]
        .as_f64()
        .map_or("n/a".to_string(), |f| format!("{:.0}", origin + f));
    let first = origin + m["firstResults"].as_f64().unwrap_or(f64::NAN);
    report_metric(&format!(
        "app_launch ({}, {}, {what}) process_start_to_page_ms {origin:.0} process_start_to_first_paint_ms {shown} process_start_to_first_results_ms {first:.0} launch_to_session_ms {} (incl. tauri-driver)",
        build(),
        library_name(),
        session.as_millis()
    ));
    Ok(pid)
}

/// In-page timing of one keystroke: sets the box's value and fires `input`, then resolves with
/// the milliseconds (from the event) until the request was sent and its answer received (the
/// page's marks), the result list or total changed in the DOM, the next animation frame, and
/// the frame painted (a task queued from that frame runs after its paint); -1 after 10 s.
const KEYSTROKE_JS: &str = r#"
const [q, done] = arguments;
const sig = () => {
  const t = document.querySelector('[data-testid="total-count"]');
  const items = [...document.querySelectorAll('[data-testid="result-item"]')].map(e => e.textContent);
  return (t ? t.textContent : '') + '|' + items.join('|');
};
const input = document.querySelector('[data-testid="search-input"]');
const before = sig();
const t0 = performance.now();
const since = (name) => {
  const e = performance.getEntriesByName(name);
  return e.length && e[e.length - 1].startTime >= t0 ? e[e.length - 1].startTime - t0 : null;
};
let finished = false;
const finish = (r) => { if (!finished) { finished = true; obs.disconnect(); done(r); } };
const obs = new MutationObserver(() => {
  if (sig() === before) return;
  obs.disconnect();
  const dom = performance.now() - t0;
  requestAnimationFrame(() => {
    const frame = performance.now() - t0;
    setTimeout(() => finish({
      sent: since('casebook:search-sent'),
      received: since('casebook:search-received'),
      dom, frame, painted: performance.now() - t0,
    }), 0);
  });
});
obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
setter.call(input, q);
input.dispatchEvent(new Event('input', { bubbles: true }));
setTimeout(() => finish(null), 10000);
"#;

/// Times keystrokes that change the results (each query, then back to the empty box) and
/// reports the medians of every phase.
async fn time_keystrokes(app: &App) -> TestResult {
    // Words of the first titles (the library's own vocabulary), and common ones.
    let mut queries: Vec<String> = Vec::new();
    for t in app.texts("result-item").await? {
        for w in t.split(|c: char| !c.is_alphanumeric()) {
            let w = w.to_lowercase();
            if w.len() >= 5 && w.chars().all(|c| c.is_ascii_alphabetic()) && !queries.contains(&w) {
                queries.push(w);
            }
        }
    }
    queries.truncate(4);
    for w in [
        "water", "energy", "heat", "city", "flood", "solar", "f", "tr",
    ] {
        queries.push(w.to_string());
    }
    // A first pair warms the page up (code paths run once), and is not counted.
    let mut sequence = vec![queries[0].clone(), String::new()];
    let warm = sequence.len();
    for q in &queries {
        sequence.push(q.clone());
        sequence.push(String::new());
    }
    let mut phases: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut typed = Vec::new();
    let mut missed = 0;
    for (i, q) in sequence.iter().enumerate() {
        let v: Value = app
            .client
            .execute_async(KEYSTROKE_JS, vec![json!(q)])
            .await?;
        if i < warm {
            continue;
        }
        if v.is_null() {
            missed += 1;
            continue;
        }
        for k in ["sent", "received", "dom", "frame", "painted"] {
            if let Some(ms) = v[k].as_f64() {
                phases.entry(k).or_default().push(ms);
            }
        }
        if !q.is_empty()
            && let Some(ms) = v["painted"].as_f64()
        {
            typed.push(ms);
        }
        // Let the page settle as between a user's keystrokes.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let painted = phases.get("painted").cloned().unwrap_or_default();
    let summary = ["sent", "received", "dom", "frame", "painted"]
        .iter()
        .map(|k| {
            let mut v = phases.get(k).cloned().unwrap_or_default();
            format!("{k}={:.1}", median(&mut v))
        })
        .collect::<Vec<_>>()
        .join(" ");
    report_metric(&format!(
        "keystroke_to_painted_ms ({}, {}) median={:.1} typed_median={:.1} n={} missed={missed} phases_median: {summary} painted={:?}",
        build(),
        library_name(),
        median(&mut painted.clone()),
        median(&mut typed.clone()),
        painted.len(),
        painted.iter().map(|s| s.round()).collect::<Vec<_>>()
    ));
    Ok(())
}

/// Reports the app's resident memory (see [`app_memory`]) after `what`.
fn report_memory(pid: u32, what: &str) {
    let (rss, pss, names) = app_memory(pid);
    report_metric(&format!(
        "app_memory ({}, {}, {what}) rss_sum_mb {rss:.0} pss_sum_mb {pss:.0} processes: {names}",
        build(),
        library_name()
    ));
}

/// Waits until the total has stayed the same for a second (a first index is over).
async fn settle(app: &App) -> TestResult {
    let deadline = Instant::now() + STARTUP_WAIT;
    let mut last = None;
    loop {
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let now = app.total().await?;
        if now.is_some() && now == last {
            return Ok(());
        }
        last = now;
        assert!(Instant::now() < deadline, "the total never settled");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn app_speed_figures() -> TestResult {
    // --- First launch, on an empty data folder: the first index. --------------------------
    let started = Instant::now();
    let app = App::start(library).await?;
    let session = started.elapsed();
    let first = async {
        let pid = time_launch(&app, "first launch, empty data folder", session).await?;
        settle(&app).await?;
        time_keystrokes(&app).await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        report_memory(pid, "first launch, after the searches");
        TestResult::Ok(())
    }
    .await;
    let App {
        client,
        cases,
        data,
        _driver,
        _tmp,
    } = app;
    let closed = client.close().await;
    drop(_driver);
    first?;
    closed?;

    // --- Second launch on the same folders: the index is there. ---------------------------
    let started = Instant::now();
    let app = App::launch(cases, data, _tmp).await?;
    let session = started.elapsed();
    let second = async {
        let pid = time_launch(&app, "second launch, existing index", session).await?;
        settle(&app).await?;
        time_keystrokes(&app).await?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        report_memory(pid, "second launch, after the searches");
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    second?;
    closed
}
