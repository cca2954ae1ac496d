/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// JSX through esbuild (automatic runtime): no Babel plugin needed.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "react" },
  // Relative asset URLs so `ui/dist` works from Tauri's asset protocol and from any static server.
  base: "./",
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    target: "es2022",
    // Keep the CSP strict: no inlined module-preload polyfill script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    // Fails a test whose components read a signal in a render without subscribing to it.
    setupFiles: ["src/test-setup.ts"],
  },
});
