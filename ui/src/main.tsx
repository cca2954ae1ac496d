// Entry point: pick the backend (Tauri or the in-browser mock), render, load.

import { createRoot } from "react-dom/client";
import { App } from "./App";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { createBackend } from "./api";
import { Store } from "./store";
import "./styles.css";
import "./ux.css";

async function start(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const backend = await createBackend();
  const store = new Store(backend);
  createRoot(root).render(
    <ErrorBoundary>
      <App store={store} />
    </ErrorBoundary>,
  );
  await store.init();
  if (backend.isMock) {
    const { applyDemoState } = await import("./mock/demo");
    await applyDemoState(store, window.location.search);
  }
}

void start();
