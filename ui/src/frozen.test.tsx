// Tauri's `freezePrototype: true` freezes Object.prototype before the UI loads. Libraries that
// assign `constructor`/`valueOf` on plain objects then throw (Preact and @preact/signals did):
// this file runs the app in that condition. Vitest isolates test files, so the freeze stays here.
import { act } from "react";
import { createRoot } from "react-dom/client";
import { expect, it } from "vitest";
import { App } from "./App";
import { createMockBackend } from "./mock/backend";
import { Store } from "./store";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

it("runs with a frozen Object.prototype: search, open a case, go back", async () => {
  Object.freeze(Object.prototype);
  expect(Object.isFrozen(Object.prototype)).toBe(true);
  const el = document.createElement("div");
  document.body.appendChild(el);
  const store = new Store(createMockBackend());
  const root = createRoot(el);
  await act(async () => root.render(<App store={store} />));
  await act(async () => store.init());
  await act(async () => {
    store.setQuery("cloudburst");
    await new Promise((r) => setTimeout(r, 50));
  });
  const first = el.querySelector<HTMLElement>('[data-testid="result-item"]');
  expect(first?.textContent).toContain("Cloudburst");
  await act(async () => {
    first?.click();
    await new Promise((r) => setTimeout(r, 50));
  });
  expect(el.querySelector('[data-testid="case-title"]')?.textContent).toBe("Cloudburst Management Plan");
  await act(async () => {
    el.querySelector<HTMLElement>('[data-testid="back-button"]')?.click();
    // Back restores the list's scroll position in a timer: let it run before the test ends,
    // or it fires after the test environment (and its document) is gone.
    await new Promise((r) => setTimeout(r, 50));
  });
  expect(el.querySelector('[data-testid="case-title"]')).toBeNull();
  act(() => root.unmount());
});
