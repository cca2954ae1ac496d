//! Presenter mode and the comparison in the real app: a collection presented full screen and
//! driven with the keys a clicker sends, the presenter view, and two results side by side.

use super::*;

/// The id of the slide on screen.
async fn slide_id(app: &App) -> TestResult<Option<String>> {
    match app.client.find(Locator::Css("[data-testid='slide']")).await {
        Ok(e) => Ok(e.attr("data-id").await?),
        Err(_) => Ok(None),
    }
}

/// Sends one key to the page (to the focused element, as a clicker or keyboard does).
async fn press(app: &App, key: &str) -> TestResult {
    let body = app.client.find(Locator::Css("body")).await?;
    body.send_keys(key).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn present_a_collection_and_compare_two_results() -> TestResult {
    let app = App::start(|_| {}).await?;
    let result = async {
        app.wait_for("search-input").await?;
        // Two different cases into a new collection, through the results' stars.
        let ids = app
            .until("two cases", || async {
                let mut ids: Vec<String> = Vec::new();
                for e in app.all("result-item").await? {
                    let id = e.attr("data-id").await?.unwrap_or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                Ok((ids.len() >= 2).then(|| ids[..2].to_vec()))
            })
            .await?;
        for (i, id) in ids.iter().enumerate() {
            app.click(&format!(
                "[data-testid='result-item'][data-id='{id}'] [data-testid='result-add']"
            ))
            .await?;
            app.wait_for("add-dialog").await?;
            if i == 0 {
                app.wait_for("add-new-name")
                    .await?
                    .send_keys("Talk")
                    .await?;
                app.click("[data-testid='add-new-create']").await?;
            } else {
                app.click("[data-testid='add-target']").await?;
            }
            app.until("the dialog to close", || async {
                Ok(app.all("add-dialog").await?.is_empty().then_some(()))
            })
            .await?;
        }

        // Present: the first case, PageDown to the second, Home back, P for the presenter view.
        app.click("[data-testid='collections-tab']").await?;
        app.click("[data-testid='collection-link']").await?;
        app.click("[data-testid='present-collection']").await?;
        app.until("the first slide", || async {
            Ok((slide_id(&app).await?.as_deref() == Some(ids[0].as_str())).then_some(()))
        })
        .await?;
        press(&app, "\u{E00F}").await?; // PageDown
        app.until("the second slide", || async {
            Ok((slide_id(&app).await?.as_deref() == Some(ids[1].as_str())).then_some(()))
        })
        .await?;
        press(&app, "\u{E011}").await?; // Home
        app.until("back to the first slide", || async {
            Ok((slide_id(&app).await?.as_deref() == Some(ids[0].as_str())).then_some(()))
        })
        .await?;
        press(&app, "p").await?;
        let position = app.wait_for("presenter-position").await?.text().await?;
        assert_eq!(position, "Slide 1 of 2");
        app.wait_for("presenter-timer").await?;
        press(&app, "\u{E00C}").await?; // Escape
        app.until("the presentation to end", || async {
            Ok(app.all("presentation").await?.is_empty().then_some(()))
        })
        .await?;
        app.wait_for("collection-page").await?;

        // Compare the collection's two cases.
        app.click("[data-testid='compare-collection']").await?;
        let heads = app
            .until("the comparison", || async {
                let t = app.texts("compare-case").await?;
                Ok((t.len() == 2).then_some(t))
            })
            .await?;
        assert!(heads.iter().all(|h| !h.is_empty()), "{heads:?}");
        let keys = app
            .until("comparison rows", || async {
                let mut keys = Vec::new();
                for r in app.all("compare-row").await? {
                    keys.push(r.attr("data-key").await?.unwrap_or_default());
                }
                Ok((!keys.is_empty()).then_some(keys))
            })
            .await?;
        for k in ["city", "country", "outcomes", "costs", "lessons"] {
            assert!(keys.iter().any(|x| x == k), "{k} in {keys:?}");
        }
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    result?;
    closed
}

/// Not a test of behaviour: `scripts/screenshots` runs it (`--ignored`) for the README's
/// pictures of a slide, the presenter view and a comparison, on the bundled cases.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by scripts/screenshots"]
async fn screenshots_present() -> TestResult {
    let out = std::env::var_os("CASEBOOK_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_path("docs/screenshots"));
    std::fs::create_dir_all(&out)?;
    let app = App::start(|_| {}).await?;
    let result = async {
        app.collect_from_search("cloudburst", 3, "Cloudbursts: three cities")
            .await?;
        app.click("[data-testid='collections-tab']").await?;
        app.click("[data-testid='collection-link']").await?;
        app.wait_for("item-note")
            .await?
            .send_keys(
                "Ask: which streets flood first in your city? Then show the map of the plan.",
            )
            .await?;
        tokio::time::sleep(Duration::from_millis(900)).await;
        app.click("[data-testid='compare-collection']").await?;
        app.wait_for("compare-table").await?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        std::fs::write(out.join("compare.png"), app.client.screenshot().await?)?;
        app.click(".compare-pane .button-quiet").await?;
        app.click("[data-testid='present-collection']").await?;
        app.wait_for("slide").await?;
        tokio::time::sleep(Duration::from_millis(900)).await;
        std::fs::write(out.join("slide.png"), app.client.screenshot().await?)?;
        press(&app, "p").await?;
        app.wait_for("presenter-view").await?;
        tokio::time::sleep(Duration::from_millis(600)).await;
        std::fs::write(out.join("presenter.png"), app.client.screenshot().await?)?;
        press(&app, "\u{E00C}").await?;
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    result?;
    closed
}
