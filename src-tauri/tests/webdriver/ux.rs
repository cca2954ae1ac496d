//! The app as people use it: typing from the reader shows results, startup never claims an
//! empty library, country names instead of codes.

use super::{App, TestResult, WAIT, report_metric};
use serde_json::json;
use std::time::{Duration, Instant};

/// Whether `text` holds a bare two-letter country code as a word ("Milan, IT", "JP").
fn has_country_code(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || ",、·()".contains(c))
        .any(|w| w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}

#[test]
fn country_code_detector() {
    assert!(has_country_code("Milan, IT"));
    assert!(has_country_code("京都市 · JP"));
    assert!(!has_country_code("Milan, Italy"));
    assert!(!has_country_code("京都市、日本"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_from_the_reader_startup_and_country_names() -> TestResult {
    let started = Instant::now();
    let app = App::start(|_| {}).await?;
    let session = started.elapsed();
    report_metric(&format!(
        "launch_to_session_ms {} (tauri-driver start, app start, webview ready)",
        session.as_millis()
    ));
    let result = ux_scenario(&app, started).await;
    if result.is_err()
        && let Ok(png) = app.client.screenshot().await
    {
        let _ = std::fs::write(super::repo_path("target/e2e-ux-failure.png"), png);
    }
    let closed = app.close().await;
    result?;
    closed
}

async fn ux_scenario(app: &App, started: Instant) -> TestResult {
    // --- Startup on a fresh data folder (a first index): never "No cases match". -----------
    app.wait_for("search-input").await?;
    let deadline = Instant::now() + WAIT;
    let mut saw_progress_text = false;
    loop {
        let body: String = app
            .client
            .execute("return document.body.innerText", vec![])
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            !body.contains("No cases match"),
            "an empty-result message during startup:\n{body}"
        );
        saw_progress_text |=
            body.contains("Building the index") || body.contains("Opening the library");
        if !app.all("result-item").await?.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "no results after startup");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The page's own clock starts when the webview begins loading it.
    let page_ms = app
        .client
        .execute("return performance.now()", vec![])
        .await?
        .as_f64()
        .unwrap_or(-1.0);
    let build = if std::env::var_os("CASEBOOK_E2E_APP").is_some() {
        "given build"
    } else {
        "debug build"
    };
    report_metric(&format!(
        "launch_to_first_results_ms ({build}, first index, incl. driver start) {} page_load_to_first_results_ms {page_ms:.0} saw_startup_notice={saw_progress_text}",
        started.elapsed().as_millis()
    ));

    // --- The webview names countries itself (offline). ----------------------------------
    let names = app
        .client
        .execute(
            "return [new Intl.DisplayNames(['en-GB'], {type: 'region'}).of('JP'), \
             new Intl.DisplayNames(['ja-JP'], {type: 'region'}).of('JP')]",
            vec![],
        )
        .await?;
    assert_eq!(
        names,
        json!(["Japan", "日本"]),
        "Intl.DisplayNames in the webview"
    );

    // --- A narrow window: the reader covers the list. -------------------------------------
    app.client.set_window_size(1024, 740).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.click("[data-testid='result-item']").await?;
    app.wait_for("case-title").await?;
    let list_hidden = || async {
        let v = app
            .client
            .execute(
                "return getComputedStyle(document.querySelector('.results-wrap')).visibility",
                vec![],
            )
            .await?;
        TestResult::Ok(v.as_str() == Some("hidden"))
    };
    assert!(list_hidden().await?, "the reader should cover the list");

    // Related cards and the header name the country.
    let related = app
        .until("related cases", || async {
            let t = app.texts("related-item").await?;
            Ok((!t.is_empty()).then_some(t))
        })
        .await?;
    for r in &related {
        assert!(
            !has_country_code(r),
            "a country code in a related card: {r}"
        );
    }
    let place = app
        .client
        .find(fantoccini::Locator::Css(".case-place"))
        .await?
        .text()
        .await?;
    assert!(
        !has_country_code(&place),
        "a country code in the header: {place}"
    );

    // --- Typing in the search box brings the results back. --------------------------------
    app.client
        .find(fantoccini::Locator::Css("[data-testid='search-input']"))
        .await?
        .click()
        .await?;
    app.type_query("water").await?;
    app.until("results in view after typing", || async {
        let gone = app.all("case-title").await?.is_empty();
        let shown = !list_hidden().await? && !app.all("result-item").await?.is_empty();
        Ok((gone && shown).then_some(()))
    })
    .await?;
    let focused = app
        .client
        .execute(
            "return document.activeElement?.dataset?.testid ?? null",
            vec![],
        )
        .await?;
    assert_eq!(
        focused,
        json!("search-input"),
        "the search box keeps the focus"
    );

    // --- Back from a related case returns to the case the user came from. -----------------
    app.click("[data-testid='result-item']").await?;
    let first = app.wait_for("case-title").await?.text().await?;
    app.until("related cases", || async {
        Ok((!app.all("related-item").await?.is_empty()).then_some(()))
    })
    .await?;
    app.click("[data-testid='related-item']").await?;
    app.until("the related case", || async {
        let t = app.wait_for("case-title").await?.text().await?;
        Ok((t != first).then_some(()))
    })
    .await?;
    app.click("[data-testid='back-button']").await?;
    app.until("the first case again", || async {
        let t = app.wait_for("case-title").await?.text().await?;
        Ok((t == first).then_some(()))
    })
    .await?;
    // Alt+Right goes forward to the related case again.
    app.wait_for("back-button")
        .await?
        .send_keys("\u{E00A}\u{E014}\u{E000}")
        .await?;
    app.until("forward to the related case", || async {
        let t = app.wait_for("case-title").await?.text().await?;
        Ok((t != first).then_some(()))
    })
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zoom_keys_zoom_the_webview_and_are_saved() -> TestResult {
    let app = App::start(|_| {}).await?;
    let ratio = "return window.innerWidth";
    let result = async {
        app.wait_for("search-input").await?;
        let before = app.client.execute(ratio, vec![]).await?.as_f64().unwrap_or(0.0);
        let body = app.wait_for("search-input").await?;
        // Ctrl+= twice: 1 -> 1.1 -> 1.25.
        for _ in 0..2 {
            body.send_keys("\u{E009}=\u{E000}").await?;
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        app.until("zoom 1.25", || async {
            let z = app
                .client
                .execute("return document.documentElement.dataset.zoom ?? null", vec![])
                .await?;
            Ok((z == json!("1.25")).then_some(()))
        })
        .await?;
        let after = app.client.execute(ratio, vec![]).await?.as_f64().unwrap_or(0.0);
        report_metric(&format!("zoom innerWidth before={before} after={after}"));
        // The webview zoom, not only a flag: the layout viewport shrinks by the factor.
        assert!(
            after < before * 0.85,
            "zoom 1.25 should narrow the layout viewport ({before} -> {after})"
        );
        // Remembered in the settings store (read back through the shell).
        let stored = app
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 window.__TAURI_INTERNALS__.invoke('get_setting', {key: 'zoom'}).then(done, (e) => done('error: ' + JSON.stringify(e)))",
                vec![],
            )
            .await?;
        assert_eq!(stored, json!("1.25"), "zoom saved in the settings");
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    result?;
    closed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_file_is_announced_and_opens_in_the_editor_at_its_line() -> TestResult {
    let app = App::start(|cases| {
        let bad = "---\nid: broken-case\ntitle: Broken\ncity: [unclosed\n---\nBody\n";
        std::fs::write(cases.join("eu").join("broken-case.md"), bad).expect("write broken case");
    })
    .await?;
    let run = async {
        let notice = app.wait_for("hidden-by-problems").await?;
        assert!(
            notice.text().await?.contains("1 case file is left out"),
            "{}",
            notice.text().await?
        );
        app.click("[data-testid='hidden-by-problems'] button")
            .await?;
        app.click("[data-testid='problem-item'] [data-testid='problem-open']")
            .await?;
        let calls = app.data.join("editor-calls.txt");
        let line = app
            .until("the editor to be started", || async {
                Ok(std::fs::read_to_string(&calls)
                    .ok()
                    .filter(|s| !s.is_empty()))
            })
            .await?;
        let (path, at) = line.trim().rsplit_once(':').expect("path:line");
        assert!(path.ends_with("broken-case.md"), "{line}");
        assert!(std::path::Path::new(path).is_absolute(), "{line}");
        assert!(at.parse::<usize>().is_ok_and(|n| n >= 1), "{line}");
        Ok(())
    };
    let result: TestResult = run.await;
    let closed = app.close().await;
    result?;
    closed
}
