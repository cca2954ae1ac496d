//! The native menu bar, in the UI language. Built at startup and again whenever the
//! `ui_lang` setting changes, so the menus follow the language switch in the window.

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Runtime};

/// Menu id of "Re-index library".
pub const MENU_REINDEX: &str = "reindex";

/// The store key of the UI language (`en` or `ja`), shared with the UI.
pub const SETTING_UI_LANG: &str = "ui_lang";

/// Every label of the menu bar in one language.
struct Labels {
    file: &'static str,
    reindex: &'static str,
    quit: &'static str,
    edit: &'static str,
    copy: &'static str,
    cut: &'static str,
    paste: &'static str,
    select_all: &'static str,
    help: &'static str,
    about: &'static str,
}

const EN: Labels = Labels {
    file: "File",
    reindex: "Re-index library",
    quit: "Quit",
    edit: "Edit",
    copy: "Copy",
    cut: "Cut",
    paste: "Paste",
    select_all: "Select All",
    help: "Help",
    about: "About Casebook",
};

const JA: Labels = Labels {
    file: "ファイル",
    reindex: "ライブラリを再索引",
    quit: "終了",
    edit: "編集",
    copy: "コピー",
    cut: "切り取り",
    paste: "貼り付け",
    select_all: "すべて選択",
    help: "ヘルプ",
    about: "Casebook について",
};

/// The labels for `lang` (a UI language code); anything but Japanese is English.
fn labels(lang: &str) -> &'static Labels {
    if lang.trim().to_ascii_lowercase().starts_with("ja") {
        &JA
    } else {
        &EN
    }
}

/// The UI language to start with when none is stored: the system locale's, as the UI does
/// with the browser language (`LC_ALL`, `LC_MESSAGES`, `LANG` on Unix-like systems).
pub fn system_lang() -> &'static str {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            return if v.to_string_lossy().to_ascii_lowercase().starts_with("ja") {
                "ja"
            } else {
                "en"
            };
        }
    }
    "en"
}

/// Builds the menu bar in `lang`.
pub fn build_menu<R: Runtime>(app: &AppHandle<R>, lang: &str) -> tauri::Result<Menu<R>> {
    let l = labels(lang);
    let reload = MenuItem::with_id(
        app,
        MENU_REINDEX,
        l.reindex,
        true,
        Some("CmdOrCtrl+Shift+R"),
    )?;
    let quit = PredefinedMenuItem::quit(app, Some(l.quit))?;
    let file = Submenu::with_items(
        app,
        l.file,
        true,
        &[&reload, &PredefinedMenuItem::separator(app)?, &quit],
    )?;
    let edit = Submenu::with_items(
        app,
        l.edit,
        true,
        &[
            &PredefinedMenuItem::cut(app, Some(l.cut))?,
            &PredefinedMenuItem::copy(app, Some(l.copy))?,
            &PredefinedMenuItem::paste(app, Some(l.paste))?,
            &PredefinedMenuItem::select_all(app, Some(l.select_all))?,
        ],
    )?;
    let about = PredefinedMenuItem::about(app, Some(l.about), None)?;
    let help = Submenu::with_items(app, l.help, true, &[&about])?;
    Menu::with_items(app, &[&file, &edit, &help])
}

/// Replaces the menu bar with one in `lang`. A failure is logged, never fatal: the window
/// works without a translated menu.
pub fn set_language<R: Runtime>(app: &AppHandle<R>, lang: &str) {
    // Only an app that shows a menu bar gets a new one (the test runtime has none, and
    // cannot build one).
    if app.menu().is_none() {
        return;
    }
    match build_menu(app, lang) {
        Ok(menu) => {
            if let Err(e) = app.set_menu(menu) {
                eprintln!("casebook: cannot set the menu: {e}");
            }
        }
        Err(e) => eprintln!("casebook: cannot build the menu: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_language() {
        assert_eq!(labels("ja").file, "ファイル");
        assert_eq!(labels("ja-JP").reindex, "ライブラリを再索引");
        assert_eq!(labels("en").file, "File");
        assert_eq!(labels("").file, "File");
    }

    #[test]
    fn every_label_is_translated() {
        let en = [
            EN.file,
            EN.reindex,
            EN.quit,
            EN.edit,
            EN.copy,
            EN.cut,
            EN.paste,
            EN.select_all,
            EN.help,
            EN.about,
        ];
        let ja = [
            JA.file,
            JA.reindex,
            JA.quit,
            JA.edit,
            JA.copy,
            JA.cut,
            JA.paste,
            JA.select_all,
            JA.help,
            JA.about,
        ];
        for (e, j) in en.iter().zip(ja.iter()) {
            assert!(!j.trim().is_empty());
            assert_ne!(e, j, "`{e}` has no Japanese label");
        }
    }
}
