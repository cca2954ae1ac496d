//! What must hold on Windows as on Linux: `/` in every reported path, CRLF files, paths longer
//! than Windows' old 260-character limit, device names and names that differ only by case.
//! These run on both systems (`scripts/windows-check` runs them under Wine); a test that cannot
//! run on one of them is ignored there with its reason.

use super::{casebook, copy_fixture, fixture, json, stdout};
use std::path::Path;

/// A small valid case with the given id.
fn case(id: &str) -> String {
    format!(
        "---\r\nid: {id}\r\ntitle: Long path case\r\ncity: Lyon\r\ncountry: FR\r\nregion: europe/western\r\n\
         sectors: [water]\r\nmeasures: [nature-based/green]\r\ntype: adaptation\r\nstatus: ongoing\r\n\
         summary: Deep in folders.\r\nsources:\r\n  [{{ title: a, url: \"https://a.example/\" }}, {{ title: b, url: \"https://b.example/\" }}]\r\n\
         updated: 2026-12-01\r\n---\r\n## Context\r\nZephyrwort.\r\n## What was done\r\n## Results\r\n\
         ## Costs and funding\r\n## Lessons and transferability\r\n"
    )
}

#[test]
fn diagnostics_use_forward_slashes_on_every_system() {
    let data = tempfile::tempdir().expect("tempdir");
    let cases = fixture("invalid");
    let out = casebook(
        &["lint", "--json", "--cases", cases.to_str().expect("utf8")],
        data.path(),
    );
    let v = json(&out);
    let paths: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert!(paths.contains(&"duplicate-id/b/same-id.md"), "{paths:?}");
    assert!(paths.iter().all(|p| !p.contains('\\')), "{paths:?}");
}

#[test]
fn a_path_longer_than_260_characters_is_indexed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    copy_fixture("valid", dir.path());
    let mut deep = dir.path().join("eu");
    for i in 0..8 {
        deep = deep.join(format!("a-rather-long-folder-name-for-a-region-{i:02}"));
    }
    std::fs::create_dir_all(&deep).expect("create deep folders");
    let file = deep.join("long-path-case.md");
    assert!(file.as_os_str().len() > 300, "{}", file.display());
    std::fs::write(&file, case("long-path-case")).expect("write deep case (CRLF)");
    let cases = dir.path().to_str().expect("utf8");
    let out = casebook(
        &["search", "zephyrwort", "--json", "--cases", cases],
        data.path(),
    );
    let v = json(&out);
    assert_eq!(v["total"], 1, "{}", stdout(&out));
    assert_eq!(v["hits"][0]["id"], "long-path-case");
    let lint = casebook(&["lint", "--cases", cases], data.path());
    assert_eq!(lint.status.code(), Some(0), "{}", stdout(&lint));
}

#[test]
fn device_names_are_refused_as_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    copy_fixture("valid", dir.path());
    let cases = dir.path().to_str().expect("utf8");
    let out = casebook(&["new", "aux", "--cases", cases], data.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("device name on Windows"), "{err}");
    assert!(!dir.path().join("aux.md").exists());
}

#[test]
#[cfg_attr(
    windows,
    ignore = "Windows file systems cannot hold two names that differ only by case"
)]
fn names_that_differ_only_by_case_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    copy_fixture("valid", dir.path());
    let src = dir.path().join("eu").join("lahti-coal-exit.md");
    std::fs::copy(&src, dir.path().join("eu").join("Lahti-Coal-Exit.md")).expect("copy");
    let out = casebook(
        &["lint", "--cases", dir.path().to_str().expect("utf8")],
        data.path(),
    );
    let text = stdout(&out);
    assert!(
        text.contains("eu/lahti-coal-exit.md:0:0: warning: the name differs from `eu/Lahti-Coal-Exit.md` only by case"),
        "{text}"
    );
}

#[test]
#[cfg_attr(windows, ignore = "Windows cannot create a folder named `q1:2024`")]
fn a_file_windows_cannot_hold_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = tempfile::tempdir().expect("tempdir");
    copy_fixture("valid", dir.path());
    std::fs::create_dir_all(dir.path().join("eu").join("q1:2024")).expect("mkdir");
    std::fs::write(dir.path().join("eu").join("q1:2024").join("x.md"), "draft").expect("write");
    let out = casebook(
        &["lint", "--cases", dir.path().to_str().expect("utf8")],
        data.path(),
    );
    let text = stdout(&out);
    assert!(
        text.contains("eu/q1:2024/x.md:0:0: warning: `q1:2024` contains `:`"),
        "{text}"
    );
}

/// On Windows the default data folder is the user's roaming application data.
#[test]
#[cfg_attr(not(windows), ignore = "checks the Windows data folder (%APPDATA%)")]
fn the_data_folder_is_under_appdata_on_windows() {
    let dir = casebook::engine::default_data_dir();
    let text = dir.to_string_lossy().to_string();
    assert!(text.contains("AppData\\Roaming"), "{text}");
    assert!(Path::new(&text).is_absolute());
}
