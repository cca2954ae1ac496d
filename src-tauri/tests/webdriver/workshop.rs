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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collect_reorder_annotate_export_and_share_with_the_cli() -> TestResult {
    let app = App::start(|_| {}).await?;
    let result = async {
        app.wait_for("search-input").await?;
        let first = app
            .until("results", || async {
                let items = app.all("result-item").await?;
                match items.first() {
                    Some(e) => Ok(e.attr("data-id").await?),
                    None => Ok(None),
                }
            })
            .await?;
        // The first result's star opens the dialog; a new collection takes the case.
        app.click("[data-testid='result-item'] [data-testid='result-add']")
            .await?;
        app.wait_for("add-dialog").await?;
        app.wait_for("add-new-name")
            .await?
            .send_keys("E2E workshop")
            .await?;
        app.click("[data-testid='add-new-create']").await?;
        // The star turns on.
        app.until("the saved star", || async {
            let star = app
                .client
                .find(Locator::Css(
                    "[data-testid='result-item'] [data-testid='result-add']",
                ))
                .await?;
            Ok((star.text().await? == "★").then_some(()))
        })
        .await?;
        // A second case through the keyboard: select it, press A, pick the collection.
        let second = app
            .until("a second case", || async {
                for e in app.all("result-item").await? {
                    let id = e.attr("data-id").await?.unwrap_or_default();
                    if id != first {
                        return Ok(Some(id));
                    }
                }
                Ok(None)
            })
            .await?;
        app.click(&format!(
            "[data-testid='result-item'][data-id='{second}'] [data-testid='result-add']"
        ))
        .await?;
        app.click("[data-testid='add-target']").await?;

        // The Collections page lists it with both cases in order.
        app.click("[data-testid='collections-tab']").await?;
        app.click("[data-testid='collection-link']").await?;
        until_items(&app, &[&first, &second]).await?;
        // Move the second case up with its button.
        app.click("[data-testid='collection-item']:nth-child(2) .coll-item-actions button")
            .await?;
        until_items(&app, &[&second, &first]).await?;

        // A facilitator note saves itself.
        let note = app.wait_for("item-note").await?;
        note.send_keys("Open the session with this").await?;
        app.until("the note saved", || async {
            let s = app.wait_for("item-note-state").await?;
            Ok((s.text().await? == "Saved").then_some(()))
        })
        .await?;

        // CSV export through the save dialog's stand-in.
        app.click("[data-testid='export-menu']").await?;
        app.click("[data-testid='export-csv']").await?;
        let csv_path = app.data.join("exports").join("E2E workshop.csv");
        let csv = app
            .until("the exported CSV", || async {
                Ok(std::fs::read_to_string(&csv_path)
                    .ok()
                    .filter(|s| !s.is_empty()))
            })
            .await?;
        assert!(csv.contains("Open the session with this"), "{csv}");
        let at_second = csv.find(&second).ok_or("second case in the CSV")?;
        let at_first = csv.find(&first).ok_or("first case in the CSV")?;
        assert!(at_second < at_first, "CSV keeps the order: {csv}");
        TestResult::Ok(())
    }
    .await;
    // Quit the app but keep its folders, then read them as the CLI would.
    let App {
        client,
        cases,
        data,
        _driver,
        _tmp,
    } = app;
    let closed = client.close().await;
    drop(_driver);
    result?;
    closed?;

    // The same data folder through the core (what `casebook collection show` reads).
    let engine = casebook::Engine::open(&cases, &data)?;
    let c = engine.find_collection("e2e workshop")?;
    let view = engine.collection(c.id, Some("en"))?;
    assert_eq!(view.items.len(), 2, "{view:?}");
    assert_eq!(view.items[0].note, "Open the session with this");
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
        app.wait_for("search-input").await?;
        app.type_query("heat").await?;
        app.until("results", || async {
            Ok((app.all("result-item").await?.len() >= 4).then_some(()))
        })
        .await?;
        let mut ids: Vec<String> = Vec::new();
        for e in app.all("result-item").await? {
            let id = e.attr("data-id").await?.unwrap_or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        for (i, id) in ids.iter().take(4).enumerate() {
            app.click(&format!(
                "[data-testid='result-item'][data-id='{id}'] [data-testid='result-add']"
            ))
            .await?;
            app.wait_for("add-dialog").await?;
            if i == 0 {
                app.wait_for("add-new-name")
                    .await?
                    .send_keys("Heat and health workshop, 12 March")
                    .await?;
                app.click("[data-testid='add-new-create']").await?;
            } else {
                app.click("[data-testid='add-target']").await?;
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
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
