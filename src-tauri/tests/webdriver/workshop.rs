//! The workshop kit in the real app: a collection made from the results, reordered, annotated,
//! exported, and the same collection read back by the core on the same data folder (what the
//! CLI does).

use super::*;

/// Ids of the collection's items, in the order shown.
async fn item_ids(app: &App) -> TestResult<Vec<String>> {
    let mut ids = Vec::new();
    for e in app.all("collection-item").await? {
        ids.push(e.attr("data-id").await?.unwrap_or_default());
    }
    Ok(ids)
}

/// Waits until the collection page shows exactly `want`.
async fn until_items(app: &App, want: &[&str]) -> TestResult {
    app.until(&format!("collection items {want:?}"), || async {
        let ids = item_ids(app).await?;
        Ok((ids == want).then_some(()))
    })
    .await
}

/// Adds the case `id` from the result list to the collection named `name` (creating it when
/// `create`), through the result's star and the dialog.
async fn add_case(app: &App, id: &str, name: &str, create: bool) -> TestResult {
    app.click(&format!(
        "[data-testid='result-item'][data-id='{id}'] [data-testid='result-add']"
    ))
    .await?;
    app.wait_for("add-dialog").await?;
    if create {
        app.wait_for("add-new-name").await?.send_keys(name).await?;
        app.click("[data-testid='add-new-create']").await?;
    } else {
        app.click("[data-testid='add-target']").await?;
    }
    app.until("the dialog to close", || async {
        Ok(app.all("add-dialog").await?.is_empty().then_some(()))
    })
    .await
}

/// Opens the Collections page on the first collection.
async fn open_collection(app: &App) -> TestResult {
    app.click("[data-testid='collections-tab']").await?;
    app.click("[data-testid='collection-link']").await?;
    app.wait_for("collection-page").await?;
    Ok(())
}

/// The text of a PDF, through `pdftotext` (poppler-utils).
fn pdf_text(path: &Path) -> TestResult<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// Waits until the slide on screen is the case `want`.
async fn slide_on(app: &App, want: &str) -> TestResult {
    app.until(&format!("slide {want}"), || async {
        let e = app
            .client
            .find(Locator::Css("[data-testid='slide']"))
            .await?;
        Ok((e.attr("data-id").await?.as_deref() == Some(want)).then_some(()))
    })
    .await
}

const NOTE: &str = "Open the session with this";
const JA_ID: &str = "edogawa-hazard-map";
const JA_TITLE: &str = "洪水ハザードマップと広域避難";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collect_reorder_annotate_restart_present_compare_and_export() -> TestResult {
    let app = App::start(|_| {}).await?;
    let first = async {
        app.wait_for("search-input").await?;
        // Two European cases and the Japanese one, through the results' stars.
        let eu = app
            .until("two European cases", || async {
                let mut ids: Vec<String> = Vec::new();
                for e in app.all("result-item").await? {
                    let id = e.attr("data-id").await?.unwrap_or_default();
                    if id != JA_ID && !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                Ok((ids.len() >= 2).then(|| ids[..2].to_vec()))
            })
            .await?;
        add_case(&app, &eu[0], "E2E workshop", true).await?;
        add_case(&app, &eu[1], "E2E workshop", false).await?;
        add_case(&app, JA_ID, "E2E workshop", false).await?;
        // The star shows on a collected result.
        let star = app
            .client
            .find(Locator::Css(&format!(
                "[data-testid='result-item'][data-id='{}'] [data-testid='result-add']",
                eu[0]
            )))
            .await?;
        assert_eq!(star.text().await?, "★");

        open_collection(&app).await?;
        until_items(&app, &[&eu[0], &eu[1], JA_ID]).await?;
        // Move the second case up with its button.
        app.click("[data-testid='collection-item']:nth-child(2) .coll-item-actions button")
            .await?;
        until_items(&app, &[&eu[1], &eu[0], JA_ID]).await?;
        // A facilitator note saves itself.
        app.wait_for("item-note").await?.send_keys(NOTE).await?;
        app.until("the note saved", || async {
            let s = app.wait_for("item-note-state").await?;
            Ok((s.text().await? == "Saved").then_some(()))
        })
        .await?;

        // CSV through the save dialog's stand-in: three rows in the new order, with the note.
        app.click("[data-testid='export-menu']").await?;
        app.click("[data-testid='export-csv']").await?;
        let csv_path = app.data.join("exports").join("E2E workshop.csv");
        let csv = app
            .until("the exported CSV", || async {
                Ok(std::fs::read_to_string(&csv_path)
                    .ok()
                    .filter(|s| s.contains(JA_ID)))
            })
            .await?;
        assert!(csv.contains(NOTE), "{csv}");
        let at = |id: &str| csv.find(&format!("\"{id}\"")).unwrap_or(usize::MAX);
        assert!(at(&eu[1]) < at(&eu[0]) && at(&eu[0]) < at(JA_ID), "{csv}");
        TestResult::Ok(eu)
    }
    .await;

    // Quit and start the app again on the same folders: everything is still there.
    let App {
        client,
        cases,
        data,
        _driver,
        _tmp,
    } = app;
    let closed = client.close().await;
    drop(_driver);
    let eu = first?;
    closed?;
    let app = App::launch(cases, data, _tmp).await?;
    let second = async {
        app.wait_for("search-input").await?;
        open_collection(&app).await?;
        until_items(&app, &[&eu[1], &eu[0], JA_ID]).await?;
        let note = app.wait_for("item-note").await?;
        assert_eq!(note.prop("value").await?.as_deref(), Some(NOTE));

        // Present: keys move through the slides; the presenter view shows the note.
        app.click("[data-testid='present-collection']").await?;
        slide_on(&app, &eu[1]).await?;
        let body = app.client.find(Locator::Css("body")).await?;
        body.send_keys("\u{E00F}").await?; // PageDown
        slide_on(&app, &eu[0]).await?;
        body.send_keys("\u{E011}").await?; // Home
        slide_on(&app, &eu[1]).await?;
        body.send_keys("p").await?;
        let shown = app.wait_for("presenter-note").await?.text().await?;
        assert_eq!(shown, NOTE);
        body.send_keys("\u{E00C}").await?; // Escape
        app.until("the presentation to end", || async {
            Ok(app.all("presentation").await?.is_empty().then_some(()))
        })
        .await?;

        // The comparison of the collection's cases.
        app.click("[data-testid='compare-collection']").await?;
        let heads = app
            .until("the comparison", || async {
                let t = app.texts("compare-case").await?;
                Ok((t.len() == 3).then_some(t))
            })
            .await?;
        assert!(heads.iter().all(|h| !h.is_empty()), "{heads:?}");
        app.click(".compare-pane .button-quiet").await?;
        app.wait_for("collection-page").await?;

        // In Japanese, the handout PDF: the Japanese case under its Japanese title, the
        // European ones (no translation) under their English titles.
        let mut titles = Vec::new();
        for e in app.all("collection-item").await? {
            titles.push(e.find(Locator::Css(".coll-title")).await?.text().await?);
        }
        app.click(".segmented button[lang='ja']").await?;
        app.until("the Japanese title", || async {
            let t = app.texts("collection-item").await?;
            Ok(t.iter().any(|x| x.contains(JA_TITLE)).then_some(()))
        })
        .await?;
        app.click("[data-testid='export-menu']").await?;
        app.click("[data-testid='export-pdf']").await?;
        let pdf_path = app.data.join("exports").join("E2E workshop.pdf");
        let text = app
            .until("the exported PDF", || async {
                Ok(pdf_text(&pdf_path).ok().filter(|t| t.contains(JA_TITLE)))
            })
            .await?;
        for t in &titles[..2] {
            assert!(text.contains(t.as_str()), "{t} not in:\n{text}");
        }
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
    second?;
    closed?;

    // The same data folder through the core (what `casebook collection show` reads).
    let engine = casebook::Engine::open(&cases, &data)?;
    let c = engine.find_collection("e2e workshop")?;
    let view = engine.collection(c.id, Some("en"))?;
    assert_eq!(view.items.len(), 3, "{view:?}");
    assert_eq!(view.items[0].note, NOTE);
    Ok(())
}

/// Not a test of behaviour: `scripts/screenshots` runs it (`--ignored`) for the README's
/// picture of the Collections page, on the bundled cases.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by scripts/screenshots"]
async fn screenshots_workshop() -> TestResult {
    let out = std::env::var_os("CASEBOOK_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_path("docs/screenshots"));
    std::fs::create_dir_all(&out)?;
    let app = App::start(|_| {}).await?;
    let result = async {
        app.collect_from_search("heat", 4, "Heat and health workshop, 12 March").await?;
        app.click("[data-testid='collections-tab']").await?;
        app.click("[data-testid='collection-link']").await?;
        app.wait_for("collection-item").await?;
        app.wait_for("collection-description")
            .await?
            .send_keys("Four answers to summer heat for the morning session; notes are for the facilitator.")
            .await?;
        app.wait_for("item-note")
            .await?
            .send_keys("Start here: ask who has cooling centres already.")
            .await?;
        tokio::time::sleep(Duration::from_millis(1200)).await;
        std::fs::write(out.join("collections.png"), app.client.screenshot().await?)?;
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    result?;
    closed
}
