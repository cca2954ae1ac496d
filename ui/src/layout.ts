// Layout facts shared by the app shell and the store.

/** The narrowest window, in CSS pixels, where the reader opens beside the result list
 * (keep in sync with the `min-width` media queries in styles.css). */
export const WIDE_MIN_PX = 1400;

/** Whether the reader opens beside the list rather than over it. */
export function isWide(): boolean {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" && window.matchMedia(`(min-width: ${WIDE_MIN_PX}px)`).matches;
}
