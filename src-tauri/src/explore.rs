//! Commands of the map, the overview and "cities like this one": each one call into the core.

use crate::{AppState, guarded, payload};
use casebook::explore::{LikeHit, Places, Stats};
use casebook::{ErrorPayload, SearchRequest};

/// The places of all matches of `request` (the map).
#[tauri::command]
pub(crate) async fn places(
    state: tauri::State<'_, AppState>,
    request: SearchRequest,
) -> Result<Places, ErrorPayload> {
    guarded("places", || {
        state.engine()?.places(&request).map_err(payload)
    })
}

/// Counts over all matches of `request` (the overview).
#[tauri::command]
pub(crate) async fn stats(
    state: tauri::State<'_, AppState>,
    request: SearchRequest,
) -> Result<Stats, ErrorPayload> {
    guarded("stats", || state.engine()?.stats(&request).map_err(payload))
}

/// Cases most like case `id` by place, with reasons in `lang`.
#[tauri::command]
pub(crate) async fn like(
    state: tauri::State<'_, AppState>,
    id: String,
    limit: u32,
    lang: String,
) -> Result<Vec<LikeHit>, ErrorPayload> {
    guarded("like", || {
        state
            .engine()?
            .like(&id, limit as usize, &lang)
            .map_err(payload)
    })
}
