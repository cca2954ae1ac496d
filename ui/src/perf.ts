// Timing marks of the page (the User Timing API), read by the end-to-end tests that time the
// app (`src-tauri/tests/webdriver/speed.rs`): when the first results reached the list after
// launch, and when the latest search request was sent and answered. Each name holds one entry
// at most (the older one is cleared), so typing for hours never grows the browser's buffer.

/** The first search answer with hits (once per page load). */
export const FIRST_RESULTS = "casebook:first-results";
/** The latest search request handed to the backend. */
export const SEARCH_SENT = "casebook:search-sent";
/** The latest search answer received (before it is applied). */
export const SEARCH_RECEIVED = "casebook:search-received";

/** Sets the mark `name` to now, replacing an earlier one. A no-op where the page has no User
 * Timing (older test environments). */
export function mark(name: string): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  performance.clearMarks?.(name);
  performance.mark(name);
}

let firstResultsMarked = false;

/** Marks [`FIRST_RESULTS`] the first time a search answer with hits is applied. */
export function markFirstResults(hits: number): void {
  if (firstResultsMarked || hits === 0) return;
  firstResultsMarked = true;
  mark(FIRST_RESULTS);
}
