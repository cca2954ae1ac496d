//! The main window's size and position, remembered in the settings store (so they go through
//! the core's setting-key validation and live with the other settings) and clamped to the
//! screen it comes back on: a window saved on a large monitor never opens off a small one,
//! and the first start fits a 1366x768 laptop screen instead of a fixed 1280x800.

use crate::AppState;
use std::sync::Mutex;
use tauri::{Manager, PhysicalPosition, PhysicalSize, Runtime, WebviewWindow, WindowEvent};

/// Store key of the saved geometry.
pub const SETTING_WINDOW: &str = "window_geometry";

/// The size the window opens at when nothing is saved (logical pixels), if the screen has room.
pub const DEFAULT_SIZE: (f64, f64) = (1280.0, 800.0);

/// The smallest window the layout works in (logical pixels).
pub const MIN_SIZE: (f64, f64) = (720.0, 480.0);

/// A window's outer position and inner size in physical pixels, and whether it was maximized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

/// A screen's usable area in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

impl Geometry {
    /// Parses the stored form `x,y,width,height,maximized`; `None` for anything else (a
    /// damaged or foreign value is ignored, never trusted).
    pub fn parse(s: &str) -> Option<Geometry> {
        let parts: Vec<&str> = s.trim().split(',').map(str::trim).collect();
        let [x, y, w, h, m] = parts.as_slice() else {
            return None;
        };
        let g = Geometry {
            x: x.parse().ok()?,
            y: y.parse().ok()?,
            width: w.parse().ok()?,
            height: h.parse().ok()?,
            maximized: match *m {
                "1" => true,
                "0" => false,
                _ => return None,
            },
        };
        (g.width > 0 && g.height > 0 && g.width <= 100_000 && g.height <= 100_000).then_some(g)
    }

    /// The stored form (see [`Geometry::parse`]).
    pub fn to_setting(self) -> String {
        format!(
            "{},{},{},{},{}",
            self.x,
            self.y,
            self.width,
            self.height,
            u8::from(self.maximized)
        )
    }

    /// This geometry moved and shrunk so the whole window lies inside `area`.
    pub fn clamp(self, area: Area) -> Geometry {
        let width = self.width.min(area.width);
        let height = self.height.min(area.height);
        let max_x = area.x + (area.width - width) as i32;
        let max_y = area.y + (area.height - height) as i32;
        Geometry {
            x: self.x.clamp(area.x, max_x),
            y: self.y.clamp(area.y, max_y),
            width,
            height,
            maximized: self.maximized,
        }
    }
}

/// The work area of the primary screen, if the system reports one.
fn primary_area<R: Runtime>(app: &tauri::AppHandle<R>) -> Option<(Area, f64)> {
    let m = app.primary_monitor().ok().flatten()?;
    let a = m.work_area();
    Some((
        Area {
            x: a.position.x,
            y: a.position.y,
            width: a.size.width,
            height: a.size.height,
        },
        m.scale_factor(),
    ))
}

/// The size to open the window at before the saved geometry is known: [`DEFAULT_SIZE`], or
/// less on a screen smaller than that (logical pixels).
pub fn initial_size<R: Runtime>(app: &tauri::AppHandle<R>) -> (f64, f64) {
    let Some((area, scale)) = primary_area(app) else {
        return DEFAULT_SIZE;
    };
    // Leave room for window decorations, which the work area does not subtract.
    let w = (f64::from(area.width) / scale - 16.0).max(MIN_SIZE.0);
    let h = (f64::from(area.height) / scale - 48.0).max(MIN_SIZE.1);
    (DEFAULT_SIZE.0.min(w), DEFAULT_SIZE.1.min(h))
}

/// The last geometry seen while the window was neither maximized nor minimized, plus the
/// current maximized state: what is saved when the window closes.
#[derive(Default)]
pub struct Tracker(Mutex<Option<Geometry>>);

fn current<R: Runtime>(w: &WebviewWindow<R>) -> Option<Geometry> {
    let pos = w.outer_position().ok()?;
    let size = w.inner_size().ok()?;
    Some(Geometry {
        x: pos.x,
        y: pos.y,
        width: size.width,
        height: size.height,
        maximized: false,
    })
}

/// Puts the saved geometry (clamped to the screen it lands on) on `window`, then follows its
/// moves and resizes and saves them when it closes. Called once the store is open.
pub fn restore_and_track<R: Runtime>(window: &WebviewWindow<R>) {
    let app = window.app_handle().clone();
    let saved = app
        .state::<AppState>()
        .engine()
        .ok()
        .and_then(|e| e.setting(SETTING_WINDOW).ok().flatten())
        .and_then(|s| Geometry::parse(&s));
    if let Some(g) = saved {
        let centre = (
            f64::from(g.x) + f64::from(g.width) / 2.0,
            f64::from(g.y) + f64::from(g.height) / 2.0,
        );
        let area = app
            .monitor_from_point(centre.0, centre.1)
            .ok()
            .flatten()
            .map(|m| {
                let a = m.work_area();
                Area {
                    x: a.position.x,
                    y: a.position.y,
                    width: a.size.width,
                    height: a.size.height,
                }
            })
            .or_else(|| primary_area(&app).map(|(a, _)| a));
        let g = match area {
            Some(a) => g.clamp(a),
            None => g,
        };
        let _ = window.set_size(PhysicalSize::new(g.width, g.height));
        let _ = window.set_position(PhysicalPosition::new(g.x, g.y));
        if g.maximized {
            let _ = window.maximize();
        }
    }
    let tracker = std::sync::Arc::new(Tracker::default());
    *lock(&tracker.0) = current(window);
    let w = window.clone();
    window.on_window_event(move |event| match event {
        WindowEvent::Moved(_) | WindowEvent::Resized(_) => {
            let maximized = w.is_maximized().unwrap_or(false);
            let minimized = w.is_minimized().unwrap_or(false);
            if !maximized
                && !minimized
                && let Some(g) = current(&w)
            {
                *lock(&tracker.0) = Some(g);
            }
        }
        WindowEvent::CloseRequested { .. } => {
            let Some(mut g) = *lock(&tracker.0) else {
                return;
            };
            g.maximized = w.is_maximized().unwrap_or(false);
            if let Ok(engine) = w.app_handle().state::<AppState>().engine()
                && let Err(e) = engine.set_setting(SETTING_WINDOW, &g.to_setting())
            {
                eprintln!("casebook: cannot save the window's size and position: {e}");
            }
        }
        _ => {}
    });
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP: Area = Area {
        x: 0,
        y: 0,
        width: 1366,
        height: 740,
    };

    #[test]
    fn round_trips_and_refuses_nonsense() {
        let g = Geometry {
            x: -20,
            y: 30,
            width: 1200,
            height: 700,
            maximized: true,
        };
        assert_eq!(Geometry::parse(&g.to_setting()), Some(g));
        for bad in [
            "",
            "1,2,3,4",
            "1,2,3,4,5",
            "a,2,3,4,0",
            "1,2,0,4,0",
            "1,2,3,4,0,9",
        ] {
            assert_eq!(Geometry::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn clamps_to_the_screen() {
        // Saved on a big monitor, far right: shrinks and comes back on screen.
        let big = Geometry {
            x: 2400,
            y: 900,
            width: 1920,
            height: 1100,
            maximized: false,
        };
        let c = big.clamp(LAPTOP);
        assert_eq!((c.x, c.y, c.width, c.height), (0, 0, 1366, 740));
        // Off the left/top edge.
        let off = Geometry {
            x: -500,
            y: -50,
            width: 800,
            height: 600,
            maximized: false,
        };
        assert_eq!(off.clamp(LAPTOP).x, 0);
        assert_eq!(off.clamp(LAPTOP).y, 0);
        // Already inside: unchanged.
        let fine = Geometry {
            x: 100,
            y: 50,
            width: 800,
            height: 600,
            maximized: false,
        };
        assert_eq!(fine.clamp(LAPTOP), fine);
        // A second screen to the right keeps its own offsets.
        let right = Area {
            x: 1366,
            y: 0,
            width: 1920,
            height: 1080,
        };
        assert_eq!(fine.clamp(right).x, 1366);
    }
}
