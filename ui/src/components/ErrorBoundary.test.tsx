import { act } from "react";
import { createRoot } from "react-dom/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary";

let broken = true;
function Fragile() {
  if (broken) throw new Error("a bug in one view");
  return <p data-testid="fine">fine</p>;
}

describe("ErrorBoundary", () => {
  afterEach(() => {
    document.body.innerHTML = "";
    vi.restoreAllMocks();
  });

  it("shows what went wrong instead of a blank window, and can try again", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const host = document.createElement("div");
    document.body.appendChild(host);
    const root = createRoot(host);
    await act(async () => {
      root.render(
        <ErrorBoundary>
          <Fragile />
        </ErrorBoundary>,
      );
    });
    const crash = host.querySelector("[data-testid='crash']");
    expect(crash?.textContent).toContain("Something went wrong");
    expect(crash?.textContent).toContain("a bug in one view");
    broken = false;
    await act(async () => {
      host.querySelector<HTMLButtonElement>(".crash-actions button")?.click();
    });
    expect(host.querySelector("[data-testid='fine']")).not.toBeNull();
    await act(async () => root.unmount());
  });
});
