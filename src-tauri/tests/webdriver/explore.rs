//! The explore views in the real app: the map filters the results by a city, the overview's
//! bars add filters; the map's render time on the bundled library; the README's screenshots
//! of the map and the overview.

use super::{App, TestResult, WAIT, copy_dir, repo_path, report_metric};
use fantoccini::Locator;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Replaces the test library with the bundled cases, which have coordinates, unless
/// `CASEBOOK_E2E_LIBRARY` names a library (a generated one, to time the map at scale).
fn bundled(cases: &Path) {
    if std::env::var_os("CASEBOOK_E2E_LIBRARY").is_some() {
        return;
    }
    std::fs::remove_dir_all(cases).expect("clear the test library");
    copy_dir(&repo_path("cases"), cases);
}

/// In-page timing: clicks the element `arguments[0]` (a CSS selector) and resolves with the
/// milliseconds until `arguments[1]` matches at least one element (or -1 after 10 s).
const TIME_UNTIL_JS: &str = r#"
const [click, until, done] = arguments;
const t0 = performance.now();
const check = () => document.querySelector(until) !== null;
const obs = new MutationObserver(() => {
  if (check()) { obs.disconnect(); done(performance.now() - t0); }
});
obs.observe(document.body, { subtree: true, childList: true, attributes: true });
document.querySelector(click).click();
if (check()) { obs.disconnect(); done(performance.now() - t0); }
setTimeout(() => { obs.disconnect(); done(-1); }, 10000);
"#;

impl App {
    /// Milliseconds from clicking `click` until `until` is on screen, measured in the page.
    async fn time_until(&self, click: &str, until: &str) -> TestResult<f64> {
        let v = self
            .client
            .execute_async(TIME_UNTIL_JS, vec![json!(click), json!(until)])
            .await?;
        let ms = v.as_f64().ok_or("no timing")?;
        if ms < 0.0 {
            return Err(format!("`{until}` did not appear after clicking `{click}`").into());
        }
        Ok(ms)
    }

    /// The text of every filter chip (its `textContent`: WebDriver's visible text of a chip
    /// stops at its first part in WebKitGTK).
    async fn chip_texts(&self) -> TestResult<Vec<String>> {
        let mut out = Vec::new();
        for e in self.all("filter-chip").await? {
            out.push(e.prop("textContent").await?.unwrap_or_default());
        }
        Ok(out)
    }

    /// The number of filter chips on screen.
    async fn chips(&self) -> TestResult<usize> {
        Ok(self.all("filter-chip").await?.len())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn map_city_filters_results_and_overview_bar_adds_filter() -> TestResult {
    let app = App::start(bundled).await?;
    let result = async {
        app.wait_for("search-input").await?;
        // A large generated library (`CASEBOOK_E2E_LIBRARY`) takes longer than WAIT to
        // index in a debug build: wait for the first results up to ten times as long.
        let mut all = None;
        for _ in 0..10 {
            let r = app
                .until("results", || async {
                    let n = app.all("result-item").await?.len();
                    Ok(if n > 0 { app.total().await? } else { None })
                })
                .await;
            if let Ok(n) = r {
                all = Some(n);
                break;
            }
        }
        let all = all.ok_or("no results")?;

        // The map draws its first preset (Europe) with a marker per city.
        let ms = app
            .time_until("[data-testid='view-map']", "[data-testid='map-marker']")
            .await?;
        report_metric(&format!("map_render_ms {ms:.1} (first map, Europe)"));
        let markers = app.all("map-marker").await?;
        assert!(
            markers.len() > 10,
            "only {} markers on the Europe map",
            markers.len()
        );
        // Every marker is named for screen readers and reachable by keyboard.
        for m in &markers {
            let label = m.attr("aria-label").await?.unwrap_or_default();
            assert!(label.contains("case"), "marker label {label:?}");
            assert_eq!(m.attr("tabindex").await?.as_deref(), Some("0"));
        }
        let ms_japan = app
            .time_until(
                "[data-testid='map-preset-japan']",
                "[data-testid='map-preset-japan'][aria-pressed='true']",
            )
            .await?;
        report_metric(&format!("map_render_ms {ms_japan:.1} (switch to Japan)"));
        assert!(
            !app.all("map-marker").await?.is_empty(),
            "no marker on the Japan map"
        );
        app.click("[data-testid='map-preset-europe']").await?;

        // Clicking a city shows the list filtered to it, with a removable chip. The last
        // marker is drawn on top (markers go largest first), so nothing covers it.
        app.wait_for("map-marker").await?;
        let marker = app
            .all("map-marker")
            .await?
            .pop()
            .ok_or("no marker on the Europe map")?;
        let city = marker
            .attr("data-city")
            .await?
            .ok_or("marker without a city")?;
        marker.click().await?;
        let filtered = app
            .until("results filtered by the city", || async {
                let total = app.total().await?;
                let chips = app.chip_texts().await?;
                Ok(match total {
                    Some(n) if n < all && chips.iter().any(|c| c.contains(&city)) => Some(n),
                    _ => None,
                })
            })
            .await?;
        assert!(filtered > 0);
        let places = app.texts("result-item").await?;
        assert!(
            places.iter().any(|p| p.contains(&city)),
            "no result in {city}: {places:?}"
        );

        // Removing the chip brings all results back.
        app.click("[data-testid='filter-chip'] .chip-remove")
            .await?;
        app.until("all results again", || async {
            Ok((app.total().await? == Some(all)).then_some(()))
        })
        .await?;

        // The overview: a bar adds its value as a filter and the charts follow.
        app.click("[data-testid='view-overview']").await?;
        let bar = app
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(
                "[data-testid='chart-hazard'] [data-testid='chart-bar']",
            ))
            .await?;
        let name = bar.attr("aria-label").await?.unwrap_or_default();
        let label = name.split(':').next().unwrap_or_default().to_string();
        assert!(!label.is_empty(), "bar without a label: {name:?}");
        let before = app.chips().await?;
        // WebKitGTK cannot click an SVG group; its bar is clicked and the click bubbles.
        bar.find(Locator::Css(".chart-fill")).await?.click().await?;
        app.until("a hazard filter chip", || async {
            let chips = app.chip_texts().await?;
            Ok(
                (chips.len() == before + 1 && chips.iter().any(|c| c.contains(&label)))
                    .then_some(()),
            )
        })
        .await?;
        app.click("[data-testid='view-list']").await?;
        app.wait_for("result-item").await?;
        let narrowed = app.total().await?.ok_or("no total")?;
        assert!(narrowed <= all);
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    result?;
    closed
}

/// Not a test of behaviour: saves the README's map and overview screenshots of the real app
/// on the bundled cases into `$CASEBOOK_SCREENSHOTS` (default docs/screenshots).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "saves screenshots"]
async fn explore_screenshots() -> TestResult {
    let out = std::env::var_os("CASEBOOK_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_path("docs/screenshots"));
    std::fs::create_dir_all(&out)?;
    let app = App::start(bundled).await?;
    let result = async {
        app.wait_for("result-item").await?;
        app.click("[data-testid='view-map']").await?;
        app.wait_for("map-marker").await?;
        tokio::time::sleep(Duration::from_millis(600)).await;
        std::fs::write(out.join("map-europe.png"), app.client.screenshot().await?)?;
        app.click("[data-testid='map-preset-japan']").await?;
        app.wait_for("map-marker").await?;
        tokio::time::sleep(Duration::from_millis(600)).await;
        std::fs::write(out.join("map-japan.png"), app.client.screenshot().await?)?;
        app.click("[data-testid='view-overview']").await?;
        app.wait_for("chart-bar").await?;
        tokio::time::sleep(Duration::from_millis(600)).await;
        std::fs::write(out.join("overview.png"), app.client.screenshot().await?)?;
        TestResult::Ok(())
    }
    .await;
    let closed = app.close().await;
    result?;
    closed
}
